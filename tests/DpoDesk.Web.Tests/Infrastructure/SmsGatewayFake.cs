using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that speaks the SMSAPI.pl contract: <c>POST /sms.do</c>, Bearer token, form
/// fields <c>to</c>, <c>from</c>, <c>message</c>, <c>format=json</c>; answers with the message id.
/// </summary>
public sealed class SmsGatewayFake : IAsyncDisposable
{
    public const string Token = "test-token-123";

    readonly WebApplication _app;
    int _failuresLeft;
    int _delaysLeft;
    TimeSpan _delay;

    public sealed record Sms(string To, string From, string Message, string Authorization);

    public ConcurrentQueue<Sms> Received { get; } = new();

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The next <paramref name="count"/> calls answer 500, as a gateway having a bad day.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>The next <paramref name="count"/> calls answer only after <paramref name="delay"/>, as a gateway that hangs.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        _delay = delay;
        Interlocked.Exchange(ref _delaysLeft, count);
    }

    public SmsGatewayFake(int port)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/sms.do", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                return Results.StatusCode(500);
            if (Interlocked.Decrement(ref _delaysLeft) >= 0)
            {
                // The caller gives up first; this answer is never read.
                await Task.Delay(_delay);
                return Results.StatusCode(504);
            }
            var form = await request.ReadFormAsync();
            var authorization = request.Headers.Authorization.ToString();
            if (authorization != $"Bearer {Token}")
                return Results.Json(new { error = 101, message = "Authorization failed" });
            if (form["format"] != "json")
                return Results.BadRequest();
            Received.Enqueue(new Sms(form["to"].ToString(), form["from"].ToString(), form["message"].ToString(), authorization));
            return Results.Json(new { count = 1, list = new[] { new { id = Guid.NewGuid().ToString("N"), points = 0.16, number = form["to"].ToString(), status = "QUEUE" } } });
        });
    }

    public Task StartAsync() => _app.StartAsync();

    public async Task<Sms> WaitForAsync(string toDigits, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var sms = Received.FirstOrDefault(s => s.To == toDigits);
            if (sms is not null)
                return sms;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No SMS to {toDigits} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
