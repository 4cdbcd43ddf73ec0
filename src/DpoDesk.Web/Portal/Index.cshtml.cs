using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Portal;

/// <summary>The public request form: erase / tell me the source / stop sharing.</summary>
public sealed class IndexModel(SubmitRequest submit, FormClock clock, IOptions<PortalOptions> portal, IOptions<RequestOptions> requests) : PageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool Erase { get; set; }
    [BindProperty] public bool Source { get; set; }
    [BindProperty] public bool StopSharing { get; set; }
    [BindProperty] public Guid SubmissionKey { get; set; }
    [BindProperty(Name = Abuse.HoneypotField)] public string? Honeypot { get; set; }
    [BindProperty(Name = Abuse.StartedField)] public string? Started { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>A message about the whole form rather than one field.</summary>
    public string? FormMessage { get; private set; }

    public string PostalAddress => portal.Value.PostalAddress;

    public TimeSpan ConfirmationValidity => requests.Value.ConfirmationValidity;

    public void OnGet()
    {
        SubmissionKey = Guid.NewGuid();
        Started = clock.Stamp();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actions = (Erase ? RequestActions.Erasure : 0)
            | (Source ? RequestActions.SourceInquiry : 0)
            | (StopSharing ? RequestActions.SharingObjection : 0);
        if (SubmissionKey == Guid.Empty)
            SubmissionKey = Guid.NewGuid();

        // Only a bot fills in a field nobody can see: it gets the answer a broken form gets, and nothing is stored.
        if (!string.IsNullOrEmpty(Honeypot))
            return BadRequest();
        if (!clock.FilledByAPerson(Started))
        {
            Started = clock.Stamp();
            FormMessage = Text.T("Formularz został wysłany szybciej, niż da się go wypełnić. Sprawdź dane i wyślij go ponownie.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await submit.ExecuteAsync(new RequestForm(FullName, Email, Phone, actions, Text.IsEnglish ? "en" : "pl", SubmissionKey), ct);
        if (result.Accepted)
            return RedirectToPage("/Portal/Submitted", new { numer = result.Number });

        Errors = result.Errors.ToDictionary(e => e.Key, e => Text.FormErrorMessage(e.Key, e.Value));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
