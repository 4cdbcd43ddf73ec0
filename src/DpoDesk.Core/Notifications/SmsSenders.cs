using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DpoDesk.Notifications;

/// <summary>
/// Sends SMS through an SMSAPI.pl-compatible REST gateway: <c>POST /sms.do</c> with a Bearer token and
/// the form fields <c>to</c>, <c>from</c>, <c>message</c>, <c>format=json</c>.
/// </summary>
public sealed class SmsApiSender(HttpClient http, IOptions<SmsOptions> options) : ISmsSender
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseUrl!.TrimEnd('/') + "/"), "sms.do"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["to"] = message.Recipient.TrimStart('+'),
            ["from"] = settings.From,
            ["message"] = message.Body,
            ["format"] = "json",
            ["encoding"] = "utf-8",
        });

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"SMS gateway: {e.Message}", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DeliveryFailedException($"SMS gateway answered {(int)response.StatusCode}.");
            return ReadMessageId(body);
        }
    }

    /// <summary>The gateway answers 200 with either <c>{"list":[{"id":...}]}</c> or <c>{"error":n,"message":...}</c>.</summary>
    static string? ReadMessageId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                var text = root.TryGetProperty("message", out var m) ? m.GetString() : null;
                throw new DeliveryFailedException($"SMS gateway error {error}: {text}");
            }
            if (root.TryGetProperty("list", out var list) && list.GetArrayLength() > 0 && list[0].TryGetProperty("id", out var id))
                return id.ToString();
            return null;
        }
        catch (JsonException e)
        {
            throw new DeliveryFailedException("SMS gateway answered with something that is not JSON.", e);
        }
    }
}

/// <summary>With no SMS gateway configured: writes each SMS as a text file into the pickup folder.</summary>
public sealed class PickupFolderSmsSender(DataDirectory data) : ISmsSender
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(data.SmsPickup);
        var path = Path.Combine(data.SmsPickup, $"{message.Id:D8}.txt");
        await File.WriteAllTextAsync(path, $"To: {message.Recipient}\n\n{message.Body}\n", ct).ConfigureAwait(false);
        return path;
    }
}
