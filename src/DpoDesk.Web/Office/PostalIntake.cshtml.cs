using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>An operator registers a paper request with its scan; it gets a number and waits for verification.</summary>
[Authorize(Policy = OfficePolicies.HandleCases)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
[RequestSizeLimit(MaxUpload)]
public sealed class PostalIntakeModel(RequestDesk desk, OfficeAudit audit) : PageModel
{
    // Three times the allowed scan, so that a scan a little too big gets a clear message rather than a refused upload.
    const long MaxUpload = 3 * PostalForm.MaxScanBytes;

    [BindProperty] public bool Erase { get; set; }
    [BindProperty] public bool Source { get; set; }
    [BindProperty] public bool StopSharing { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? PostalAddress { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public IFormFile? Scan { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        UploadedFile? scan = null;
        if (Scan is { Length: > 0 and <= PostalForm.MaxScanBytes })
        {
            using var buffer = new MemoryStream((int)Scan.Length);
            await Scan.CopyToAsync(buffer, ct);
            scan = new UploadedFile(Scan.FileName, buffer.ToArray());
        }
        else if (Scan is { Length: > PostalForm.MaxScanBytes })
        {
            scan = new UploadedFile(Scan.FileName, new byte[PostalForm.MaxScanBytes + 1]);
        }
        var actions = (Erase ? RequestActions.Erasure : 0) | (Source ? RequestActions.SourceInquiry : 0) | (StopSharing ? RequestActions.SharingObjection : 0);
        var form = new PostalForm(actions, FullName, PostalAddress, Email, Phone, ReceivedOn, Language == "en" ? "en" : "pl", scan);
        var result = await desk.RegisterPostalAsync(form, audit.Actor(), ct);
        if (result.Id is { } id)
            return Redirect($"/office/requests/{id}?done=1");

        foreach (var (field, error) in result.Errors)
            Errors[field] = Message(field, error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    static string Message(string field, PostalError error) => (field, error) switch
    {
        (PostalForm.Fields.Actions, _) => Text.T("Zaznacz, o co prosi osoba."),
        (PostalForm.Fields.FullName, PostalError.Required) => Text.T("Podaj imię i nazwisko."),
        (PostalForm.Fields.FullName, _) => Text.T("Imię i nazwisko musi zawierać litery i nie może zawierać znaków sterujących."),
        (PostalForm.Fields.PostalAddress, PostalError.Required) => Text.T("Podaj adres pocztowy: na niego wyślemy odpowiedź."),
        (PostalForm.Fields.PostalAddress, _) => Text.T("Adres pocztowy może mieć najwyżej 500 znaków."),
        (PostalForm.Fields.Email, _) => Text.T("To nie wygląda na adres e-mail. Podaj adres w postaci nazwa@domena.pl."),
        (PostalForm.Fields.Phone, _) => Text.T("To nie wygląda na numer telefonu. Podaj np. 601 234 567 albo +48 601 234 567, albo zostaw pole puste."),
        (PostalForm.Fields.ReceivedOn, PostalError.Required) => Text.T("Podaj datę wpływu listu."),
        (PostalForm.Fields.ReceivedOn, _) => Text.T("Data wpływu nie może być z przyszłości ani sprzed ponad roku."),
        (PostalForm.Fields.Scan, PostalError.Required) => Text.T("Dołącz skan listu."),
        (PostalForm.Fields.Scan, PostalError.TooLarge) => Text.T("Skan jest większy niż 10 MB. Zeskanuj list w niższej rozdzielczości."),
        (PostalForm.Fields.Scan, _) => Text.T("Skan musi być plikiem PDF, JPEG lub PNG (sprawdzamy zawartość pliku, nie jego nazwę)."),
        _ => Text.T("Popraw to pole."),
    };
}
