using DpoDesk.Inquiries;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

/// <summary>The inquiry list pages through thousands of conversations, those waiting for an answer first.</summary>
public abstract class InquiryListTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Fact]
    public async Task The_list_shows_fifty_a_page_open_ones_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await App.QueryAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                var at = DateTime.UtcNow.AddMinutes(-i);
                db.Inquiries.Add(new Inquiry
                {
                    Subject = $"Pytanie {tag} {i:D2}",
                    FromAddress = $"osoba{i}@{tag}.example",
                    State = i == 59 ? InquiryState.Open : InquiryState.Answered,
                    CreatedAt = at,
                    LastMessageAt = at,
                });
            }
            return await db.SaveChangesAsync();
        });
        var staff = await App.StaffAsync(StaffRoles.Operator);

        var first = await staff.GetStringAsync("/office/inquiries?stan=Answered");
        Assert.Contains("1 / 2", first, StringComparison.Ordinal);
        Assert.Contains($"Pytanie {tag} 00", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Pytanie {tag} 58", first, StringComparison.Ordinal);
        var second = await staff.GetStringAsync("/office/inquiries?stan=Answered&strona=2");
        Assert.Contains($"Pytanie {tag} 58", second, StringComparison.Ordinal);

        // The one waiting for an answer comes first, however old.
        var all = await staff.GetStringAsync("/office/inquiries");
        Assert.True(all.IndexOf($"Pytanie {tag} 59", StringComparison.Ordinal) is > 0 and var open
            && open < all.IndexOf($"Pytanie {tag} 00", StringComparison.Ordinal));
    }
}

public sealed class InquiryListTestsOnSqlite(SqliteApp app) : InquiryListTests<SqliteApp>(app);

public sealed class InquiryListTestsOnPostgres(PostgresApp app) : InquiryListTests<PostgresApp>(app);
