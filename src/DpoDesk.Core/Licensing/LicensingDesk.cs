using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DpoDesk.Licensing;

public sealed record ExportResult(LicenceExport Export, int Written, int Withheld);

/// <summary>Licensees, licences, and datasets sent under them through the guard, with every record that went out on the ledger.</summary>
public sealed class LicensingDesk(DpoDeskDbContext db, SuppressionKeys keys, TimeProvider time)
{
    /// <summary>A NIP: ten digits whose weighted sum (6, 5, 7, 2, 3, 4, 5, 6, 7) modulo 11 is the last.</summary>
    public static bool IsValidNip(string? nip)
    {
        if (nip is null || nip.Length != 10 || !nip.All(char.IsAsciiDigit))
            return false;
        ReadOnlySpan<int> weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
        var sum = 0;
        for (var i = 0; i < 9; i++)
            sum += (nip[i] - '0') * weights[i];
        return sum % 11 == nip[9] - '0';
    }

    /// <summary>A new API key: shown once, stored as its SHA-256 only.</summary>
    public static string NewApiKey() => "dpk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashApiKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Adds a licensee; returns it with its API key, which is not kept and cannot be shown again.</summary>
    public async Task<(Licensee Licensee, string ApiKey)> AddLicenseeAsync(string company, string nip, string contactName, string contactEmail, CancellationToken ct)
    {
        var apiKey = NewApiKey();
        var licensee = new Licensee
        {
            Company = company.Trim(),
            Nip = nip.Trim(),
            ContactName = contactName.Trim(),
            ContactEmail = contactEmail.Trim(),
            ApiKeyHash = HashApiKey(apiKey),
            ApiKeyPrefix = apiKey[..10],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Licensees.Add(licensee);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (licensee, apiKey);
    }

    /// <summary>Replaces a licensee's API key: the old one stops working at once.</summary>
    public async Task<string> RenewApiKeyAsync(Licensee licensee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(licensee);
        var apiKey = NewApiKey();
        licensee.ApiKeyHash = HashApiKey(apiKey);
        licensee.ApiKeyPrefix = apiKey[..10];
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return apiKey;
    }

    /// <summary>The next licence number of the year: L-2026-0001.</summary>
    public async Task<string> NextLicenceNumberAsync(CancellationToken ct)
    {
        var year = time.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
        var prefix = $"L-{year}-";
        var last = await db.Licences.Where(l => l.Number.StartsWith(prefix)).OrderByDescending(l => l.Number).Select(l => l.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture) + 1;
        return $"{prefix}{next:D4}";
    }

    /// <summary>
    /// Writes the records the licence may receive — from sources that allow sharing, not objected, not
    /// restricted, matching its criteria — through the guard, as CSV with each record's source (the
    /// licensee owes the person Art. 14 information), and records which records went out.
    /// </summary>
    public async Task<ExportResult> ExportAsync(Licence licence, TextWriter output, string createdBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(licence);
        ArgumentNullException.ThrowIfNull(output);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today < licence.StartsOn || today > licence.RetentionEndsOn)
            throw new InvalidOperationException($"Licence {licence.Number} runs from {licence.StartsOn:yyyy-MM-dd} to {licence.RetentionEndsOn:yyyy-MM-dd}: no export today.");

        var guard = new IdentifierGuard(keys, await SuppressionList.LoadAsync(db, keys, ct).ConfigureAwait(false));
        var sent = new List<long>();
        var withheld = 0;
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var exportLock = await ImportLock.TakeAsync(db, ct).ConfigureAwait(false);
            var connection = db.Database.GetDbConnection();
            await using (var command = connection.CreateCommand())
            {
                var sources = licence.SourceNames;
                var filter = new StringBuilder();
                foreach (var source in sources)
                    Sql.Parameter(command, source);
                if (sources.Count > 0)
                    filter.Append(CultureInfo.InvariantCulture, $" AND s.\"Name\" IN ({string.Join(", ", sources.Select((_, i) => $"${i + 1}"))})");
                if (licence.EmailRequired)
                    filter.Append(" AND c.\"EmailNormalized\" IS NOT NULL");
                command.CommandText = $"""
                    SELECT c."Id", c."FullName", COALESCE(c."Email", c."EmailNormalized"), c."EmailNormalized", c."Phone", c."PhoneNormalized",
                           c."CompanyName", c."CompanyNip", c."Position", s."Name", c."AcquiredOn"
                    FROM contacts c JOIN sources s ON s."Id" = c."SourceId"
                    WHERE s."AllowsSharing" AND NOT c."SharingBarred" AND NOT c."Restricted"{filter}
                    ORDER BY c."Id"
                    """;
                await output.WriteLineAsync("name,email,phone,company,nip,position,source,acquired_on").ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                    var name = reader.GetString(1);
                    if (guard.Check(Text(3), Text(5), Identifiers.NameKey(name)) != GuardVerdict.Clear)
                    {
                        withheld++;
                        continue;
                    }
                    var acquired = reader.GetFieldValue<DateOnly>(10);
                    await output.WriteLineAsync(string.Join(',',
                        Csv(name), Csv(Text(2)), Csv(Text(4)), Csv(Text(6)), Csv(Text(7)), Csv(Text(8)), Csv(reader.GetString(9)),
                        acquired.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ConfigureAwait(false);
                    sent.Add(reader.GetInt64(0));
                }
            }
            await output.FlushAsync(ct).ConfigureAwait(false);

            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var export = new LicenceExport
            {
                LicenceId = licence.Id,
                CreatedAt = time.GetUtcNow().UtcDateTime,
                RecordCount = sent.Count,
                WithheldCount = withheld,
                CreatedBy = createdBy,
            };
            db.LicenceExports.Add(export);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await WriteLedgerAsync(db, DisclosureLedger.Blocks(export.Id, sent), ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new ExportResult(export, sent.Count, withheld);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes ledger rows in the current transaction, with one prepared statement.</summary>
    public static async Task WriteLedgerAsync(DpoDeskDbContext db, IEnumerable<DisclosureBlock> blocks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(blocks);
        var connection = db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = """INSERT INTO disclosure_blocks ("Block", "ExportId", "Members") VALUES ($1, $2, $3)""";
        var parameters = new[] { Sql.Parameter(insert), Sql.Parameter(insert), Sql.Parameter(insert) };
        foreach (var block in blocks)
        {
            parameters[0].Value = block.Block;
            parameters[1].Value = block.ExportId;
            parameters[2].Value = block.Members;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        // A leading =, +, - or @ would be a formula to a spreadsheet: quote it with an apostrophe.
        if (value[0] is '=' or '+' or '-' or '@' && !(value[0] == '+' && value.Skip(1).All(c => char.IsAsciiDigit(c) || c == ' ')))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
