using DpoDesk.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Portal;

/// <summary>The status page: number and e-mail in, state and dates out; a mismatch looks like "not found".</summary>
public sealed class StatusModel(FindRequestStatus find) : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Email { get; set; }

    public RequestStatus? Status { get; private set; }
    public bool Searched { get; private set; }
    public bool Incomplete { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Searched = true;
        Incomplete = string.IsNullOrWhiteSpace(Number) || string.IsNullOrWhiteSpace(Email) || Number.Length > 40 || Email.Length > 254;
        if (!Incomplete)
            Status = await find.ExecuteAsync(Number, Email, ct);
        return Page();
    }
}
