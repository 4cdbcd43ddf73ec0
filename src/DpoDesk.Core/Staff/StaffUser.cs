using Microsoft.AspNetCore.Identity;

namespace DpoDesk.Staff;

/// <summary>A member of the DPO's office who signs in to the staff office.</summary>
public sealed class StaffUser : IdentityUser
{
    public string? DisplayName { get; set; }
}
