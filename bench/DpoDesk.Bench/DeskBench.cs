using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Bench;

/// <summary>
/// The request desk on 200,000 requests in SQLite: what one load of the list page costs for each queue
/// view and for a search (the count, and the first page of 50, newest first). Baseline: the plain list
/// of all requests, the query the desk had before it had views.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class DeskBench : IDisposable
{
    const int Requests = 200_000;
    static readonly string DatabaseFile = Path.Combine(Path.GetTempPath(), $"dpodesk-bench-desk-{Requests}-v1.db");
    static readonly byte[] Secret = SHA256.HashData("dpodesk bench secret"u8);

    DpoDeskDbContext _db = null!;
    SuppressionKeys _keys = null!;
    DateTime _now;
    DateOnly _today;

    [GlobalSetup]
    public void Setup()
    {
        _keys = new SuppressionKeys(Secret);
        _now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        _today = Deadlines.PolishDate(_now);
        var data = new DataDirectory(Path.GetTempPath());
        if (!File.Exists(DatabaseFile))
            SeedAsync(data).GetAwaiter().GetResult();
        _db = DatabaseProviders.Open($"Data Source={DatabaseFile}", data);
    }

    /// <summary>Two years of requests: most completed, some expired, and a working set of open ones in every state.</summary>
    async Task SeedAsync(DataDirectory data)
    {
        var temporary = DatabaseFile + ".tmp";
        File.Delete(temporary);
        await using (var db = DatabaseProviders.Open($"Data Source={temporary}", data))
        {
            await Database.MigrateAsync(db, CancellationToken.None);
            var random = new Random(7);
            for (var batch = 0; batch < Requests / 10_000; batch++)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    var n = batch * 10_000 + i + 1;
                    var received = _now.AddMinutes(-(Requests - n) * 5.2);
                    var state = (Requests - n) switch
                    {
                        < 50 => RequestState.AwaitingConfirmation,
                        < 80 => RequestState.NeedsReview,
                        < 100 => RequestState.Paused,
                        < 120 => RequestState.AwaitingVerification,
                        _ => random.Next(10) == 0 ? RequestState.Expired : RequestState.Completed,
                    };
                    var email = $"osoba{n}@firma{n % 997}.example";
                    db.Requests.Add(new Request
                    {
                        Number = RequestNumber.Format(received.Year, n),
                        Actions = (RequestActions)(1 + random.Next(7)),
                        Channel = random.Next(20) == 0 ? RequestChannel.Post : RequestChannel.Web,
                        State = state,
                        Language = "pl",
                        FullName = state == RequestState.Expired ? null : $"Osoba {n}",
                        Email = state == RequestState.Expired ? null : email,
                        Phone = random.Next(3) == 0 ? $"+48601{n % 1_000_000:D6}" : null,
                        EmailLookupKey = _keys.ForRequestLookup(email),
                        SubmissionKey = Guid.NewGuid(),
                        ReceivedAt = received,
                        ConfirmationExpiresAt = received.AddDays(7),
                        DueOn = Deadlines.LegalDueOn(received),
                        TargetAt = received + Deadlines.HouseTarget,
                        CompletedAt = state == RequestState.Completed ? received.AddMinutes(3) : null,
                    });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(temporary, DatabaseFile, overwrite: true);
    }

    static async Task<int> LoadAsync(IQueryable<Request> query)
    {
        var total = await query.CountAsync();
        var page = await query.OrderByDescending(r => r.Id).Take(50)
            .Select(r => new { r.Id, r.Number, r.Actions, r.Channel, r.State, r.ReceivedAt, r.DueOn, r.ExtendedDueOn, r.TargetAt })
            .ToListAsync();
        return total + page.Count;
    }

    IQueryable<Request> Requests_ => _db.Requests.AsNoTracking();

    [Benchmark(Baseline = true, Description = "all requests, newest first")]
    public Task<int> All() => LoadAsync(Requests_);

    [Benchmark(Description = "view: needs review")]
    public Task<int> NeedsReview() => LoadAsync(DeskViews.View(Requests_, DeskViews.NeedsReview, _now, _today));

    [Benchmark(Description = "view: due soon")]
    public Task<int> DueSoon() => LoadAsync(DeskViews.View(Requests_, DeskViews.DueSoon, _now, _today));

    [Benchmark(Description = "view: overdue")]
    public Task<int> Overdue() => LoadAsync(DeskViews.View(Requests_, DeskViews.Overdue, _now, _today));

    [Benchmark(Description = "view: closed")]
    public Task<int> Closed() => LoadAsync(DeskViews.View(Requests_, DeskViews.Closed, _now, _today));

    [Benchmark(Description = "search by e-mail (any spelling)")]
    public Task<int> SearchByEmail() => LoadAsync(DeskViews.Search(Requests_, "  OSOBA123456@Firma339.example ", _keys).Query);

    [Benchmark(Description = "the five view counts on every page")]
    public async Task<int> Counts()
    {
        var sum = 0;
        foreach (var view in DeskViews.Counted)
            sum += await DeskViews.View(Requests_, view, _now, _today).CountAsync();
        return sum;
    }

    public void Dispose()
    {
        _db?.Dispose();
        _keys?.Dispose();
        GC.SuppressFinalize(this);
    }
}
