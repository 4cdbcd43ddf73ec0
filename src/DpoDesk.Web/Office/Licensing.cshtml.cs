using System.Globalization;
using DpoDesk.Audit;
using DpoDesk.Licensing;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static DpoDesk.Web.Localization.Text;

namespace DpoDesk.Web.Office;

/// <summary>
/// Licensees, their licences and the datasets sent under them; Art. 19 notices and whether they were
/// acknowledged; deletion at the end of retention. For the data team and the DPO.
/// </summary>
[Authorize(Policy = OfficePolicies.ManageLicensing)]
public sealed class LicensingModel(DpoDeskDbContext db, SuppressionKeys keys, OfficeAudit audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<Licensee> Licensees { get; private set; } = [];
    public IReadOnlyList<Licence> Licences { get; private set; } = [];
    public IReadOnlyList<LicenceExport> Exports { get; private set; } = [];
    public IReadOnlyList<LicenseeNotice> Notices { get; private set; } = [];
    public Dictionary<int, string> Companies { get; private set; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>A new API key, shown once after it is made.</summary>
    public string? NewApiKey { get; private set; }
    public string? NewApiKeyFor { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Company { get; set; }
    [BindProperty] public string? Nip { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }

    [BindProperty] public int LicenseeId { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? Sources { get; set; }
    [BindProperty] public bool EmailRequired { get; set; }
    [BindProperty] public DateOnly? StartsOn { get; set; }
    [BindProperty] public DateOnly? RetentionEndsOn { get; set; }
    [BindProperty] public NoticeIdentifiers NoticeIdentifiers { get; set; } = NoticeIdentifiers.Hashed;

    [BindProperty] public int LicenceId { get; set; }
    [BindProperty] public string? Attestation { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(Requests.Deadlines.ToPolishLocal(time.GetUtcNow().UtcDateTime));

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await audit.RecordAsync(AuditActions.LicensingViewed, null, null, ct);
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Licensees = await db.Licensees.AsNoTracking().OrderBy(l => l.Company).ToListAsync(ct);
        Companies = Licensees.ToDictionary(l => l.Id, l => l.Company);
        Licences = await db.Licences.AsNoTracking().OrderByDescending(l => l.Number).ToListAsync(ct);
        Exports = await db.LicenceExports.AsNoTracking().Include(e => e.Licence).OrderByDescending(e => e.Id).Take(50).ToListAsync(ct);
        Notices = await db.LicenseeNotices.AsNoTracking().Include(n => n.Licence).OrderByDescending(n => n.Id).Take(50).ToListAsync(ct);
    }

    async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLicenseeAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Company) || Company.Trim().Length > 200)
            Errors.Add(T("Podaj nazwę firmy (do 200 znaków)."));
        var nip = new string((Nip ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!LicensingDesk.IsValidNip(nip))
            Errors.Add(T("NIP musi mieć 10 cyfr z poprawną cyfrą kontrolną."));
        else if (await db.Licensees.AnyAsync(l => l.Nip == nip, ct))
            Errors.Add(T("Licencjobiorca z tym NIP-em już jest."));
        if (string.IsNullOrWhiteSpace(ContactName) || ContactName.Trim().Length > 200)
            Errors.Add(T("Podaj osobę kontaktową."));
        var email = Identifiers.NormalizeEmail(ContactEmail ?? "");
        if (email is null)
            Errors.Add(T("Podaj poprawny adres e-mail do zawiadomień."));
        if (Errors.Count > 0)
            return await RedisplayAsync(ct);

        var (licensee, apiKey) = await new LicensingDesk(db, keys, time).AddLicenseeAsync(Company!, nip, ContactName!, email!, ct);
        await audit.RecordAsync(AuditActions.LicenseeAdded, "licensee:" + licensee.Id, licensee.Company, ct);
        (NewApiKey, NewApiKeyFor) = (apiKey, licensee.Company);
        (Company, Nip, ContactName, ContactEmail) = (null, null, null, null);
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRenewKeyAsync(CancellationToken ct)
    {
        var licensee = await db.Licensees.FirstOrDefaultAsync(l => l.Id == LicenseeId, ct);
        if (licensee is null)
            return NotFound();
        var apiKey = await new LicensingDesk(db, keys, time).RenewApiKeyAsync(licensee, ct);
        await audit.RecordAsync(AuditActions.ApiKeyRenewed, "licensee:" + licensee.Id, licensee.Company, ct);
        (NewApiKey, NewApiKeyFor) = (apiKey, licensee.Company);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLicenceAsync(CancellationToken ct)
    {
        if (!await db.Licensees.AnyAsync(l => l.Id == LicenseeId, ct))
            Errors.Add(T("Wybierz licencjobiorcę."));
        if (string.IsNullOrWhiteSpace(Purpose) || Purpose.Trim().Length > 500)
            Errors.Add(T("Podaj cel licencji (do 500 znaków)."));
        var sources = (Sources ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = await db.Sources.Select(s => s.Name).ToListAsync(ct);
        foreach (var unknown in sources.Where(s => !known.Contains(s)))
            Errors.Add(TF("Nie ma źródła „{0}”. Źródła w bazie: {1}.", unknown, string.Join(", ", known)));
        if (StartsOn is null || RetentionEndsOn is null)
            Errors.Add(T("Podaj datę początku licencji i koniec okresu przechowywania."));
        else if (RetentionEndsOn < StartsOn)
            Errors.Add(T("Koniec okresu przechowywania musi być po początku licencji."));
        if (!Enum.IsDefined(NoticeIdentifiers))
            Errors.Add(T("Wybierz postać identyfikatorów w zawiadomieniach."));
        if (Errors.Count > 0)
            return await RedisplayAsync(ct);

        var desk = new LicensingDesk(db, keys, time);
        var licence = new Licence
        {
            Number = await desk.NextLicenceNumberAsync(ct),
            LicenseeId = LicenseeId,
            Purpose = Purpose!.Trim(),
            Sources = sources.Length == 0 ? null : string.Join(", ", sources),
            EmailRequired = EmailRequired,
            StartsOn = StartsOn!.Value,
            RetentionEndsOn = RetentionEndsOn!.Value,
            NoticeIdentifiers = NoticeIdentifiers,
        };
        db.Licences.Add(licence);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.LicenceAdded, "licence:" + licence.Number, licence.Purpose, ct);
        Done = TF("Dodano licencję {0}.", licence.Number);
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        var licence = await db.Licences.Include(l => l.Licensee).FirstOrDefaultAsync(l => l.Id == LicenceId, ct);
        if (licence is null)
            return NotFound();
        if (Today < licence.StartsOn || Today > licence.RetentionEndsOn)
        {
            Errors.Add(TF("Licencja {0} obowiązuje od {1} do {2}: dziś nie można z niej eksportować.", licence.Number, DateText(licence.StartsOn), DateText(licence.RetentionEndsOn)));
            return await RedisplayAsync(ct);
        }
        // Written to a file that disappears when the download ends; the ledger is recorded before it is sent.
        var path = Path.Combine(Path.GetTempPath(), $"dpodesk-export-{Guid.NewGuid():N}.csv");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(path, options);
        try
        {
            var writer = new StreamWriter(file, new System.Text.UTF8Encoding(true), 1 << 16, leaveOpen: true);
            await using (writer)
            {
                var result = await new LicensingDesk(db, keys, time).ExportAsync(licence, writer, User.Identity!.Name!, ct);
                await audit.RecordAsync(AuditActions.LicenceExported, "licence:" + licence.Number,
                    string.Create(CultureInfo.InvariantCulture, $"export {result.Export.Id}: {result.Written} records, {result.Withheld} withheld"), ct);
            }
            file.Position = 0;
            return File(file, "text/csv; charset=utf-8", $"{licence.Number}-{Today:yyyy-MM-dd}.csv");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async Task<IActionResult> OnPostAttestAsync(CancellationToken ct)
    {
        var licence = await db.Licences.FirstOrDefaultAsync(l => l.Id == LicenceId, ct);
        if (licence is null)
            return NotFound();
        if (string.IsNullOrWhiteSpace(Attestation) || Attestation.Trim().Length > 400)
        {
            Errors.Add(T("Opisz oświadczenie: kto je podpisał i kiedy wpłynęło (do 400 znaków)."));
            return await RedisplayAsync(ct);
        }
        if (licence.DeletionAttestedAt is null)
        {
            licence.DeletionAttestedAt = time.GetUtcNow().UtcDateTime;
            licence.DeletionAttestation = $"{User.Identity!.Name}: {Attestation.Trim()}";
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(AuditActions.DeletionAttested, "licence:" + licence.Number, "recorded by staff", ct);
        }
        Done = TF("Zapisano oświadczenie o usunięciu danych z licencji {0}.", licence.Number);
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
