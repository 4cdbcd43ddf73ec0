using DpoDesk.Requests;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Portal;

/// <summary>
/// The confirmation link. Opening it shows what will be done; the button confirms. Mail scanners
/// open links on their own, and must not be able to erase someone's data by doing so.
/// </summary>
public sealed class ConfirmModel(ConfirmRequest confirm, WorkSignals signals) : PageModel
{
    public ConfirmationOutcome Outcome { get; private set; }
    public Request? ConfirmedRequest { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        var result = await confirm.InspectAsync(token, ct);
        Show(result);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await confirm.ExecuteAsync(token, ct);
        if (result.Outcome == ConfirmationOutcome.Confirmed)
            signals.Requests.Wake();
        Show(result);
        return Page();
    }

    void Show(ConfirmationResult result)
    {
        Outcome = result.Outcome;
        ConfirmedRequest = result.Request;
        Response.StatusCode = Outcome switch
        {
            ConfirmationOutcome.NotFound => StatusCodes.Status404NotFound,
            ConfirmationOutcome.Expired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
    }
}
