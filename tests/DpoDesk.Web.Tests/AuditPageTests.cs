using DpoDesk.Persistence;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The audit page tells an auditor when the trail was tampered with, and where. (Own app: it breaks the chain.)</summary>
public abstract class AuditPageTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    [Fact]
    public async Task A_row_changed_behind_the_office_s_back_is_reported_with_its_number()
    {
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        await operatorBrowser.GetStringAsync("/office/outbox");
        await operatorBrowser.GetStringAsync("/office/outbox");
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        Assert.Contains("Łańcuch nienaruszony", await auditor.GetStringAsync("/office/audit"), StringComparison.Ordinal);
        var (intactExit, intact) = await App.RunCliAsync("audit", "verify");
        Assert.True(intactExit == 0, intact);
        Assert.Contains("Audit trail intact", intact, StringComparison.Ordinal);

        // Someone with the database's keys covers an operator's tracks: guard off, actor changed.
        var target = await App.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "outbox.viewed").OrderBy(e => e.Sequence).Select(e => e.Sequence).FirstAsync());
        await App.QueryAsync(async db =>
        {
            var disable = DatabaseProviders.EngineOf(App.ConnectionString) == DatabaseEngine.Postgres
                ? "ALTER TABLE audit_events DISABLE TRIGGER USER"
                : "DROP TRIGGER audit_events_append_only_update";
            await db.Database.ExecuteSqlRawAsync(disable);
            return await db.Database.ExecuteSqlAsync($"""UPDATE audit_events SET "Actor" = 'nobody@staff.test' WHERE "Sequence" = {target}""");
        });

        var page = await auditor.GetStringAsync("/office/audit");
        var (exit, output) = await App.RunCliAsync("audit", "verify");
        Assert.Equal(3, exit);
        Assert.Contains($"Audit trail BROKEN at event {target}", output, StringComparison.Ordinal);
        Assert.Contains("Łańcuch PRZERWANY", page, StringComparison.Ordinal);
        Assert.Contains($"Zdarzenie nr {target}: treść nie zgadza się ze skrótem (zmienione).", page, StringComparison.Ordinal);
        Assert.Contains($"Zdarzenia 1–{target - 1} są nienaruszone.", page, StringComparison.Ordinal);
    }
}

public sealed class AuditPageTestsOnSqlite(SqliteApp app) : AuditPageTests<SqliteApp>(app);

public sealed class AuditPageTestsOnPostgres(PostgresApp app) : AuditPageTests<PostgresApp>(app);
