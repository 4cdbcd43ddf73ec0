using DpoDesk.Requests;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Office;

/// <summary>There is no phone channel: a caller gets, if they wish, the written explanation of how to make a request.</summary>
[Authorize(Policy = OfficePolicies.HandleCases)]
public sealed class PhoneCallModel(RequestDesk desk, OfficeAudit audit, WorkSignals signals) : PageModel
{
    public bool Sent { get; private set; }
    public string? Error { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(string? email, string? language, CancellationToken ct)
    {
        if (await desk.ReplyToPhoneCallAsync(email, language == "en" ? "en" : "pl", audit.Actor(), ct))
        {
            signals.Outbox.Wake();
            return Redirect("/office/phone?sent=true");
        }
        Error = Text.T("To nie wygląda na adres e-mail. Podaj adres w postaci nazwa@domena.pl.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
