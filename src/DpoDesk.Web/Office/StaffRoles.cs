using Microsoft.AspNetCore.Authorization;

namespace DpoDesk.Web.Office;

/// <summary>Who works in the office. A person may hold several roles.</summary>
public static class StaffRoles
{
    /// <summary>Answers requests and inquiries, registers post.</summary>
    public const string Operator = "operator";

    /// <summary>The Data Protection Officer: everything an operator does, plus legal decisions and templates.</summary>
    public const string Dpo = "dpo";

    /// <summary>Decides extensions and refusals, works the regulator's cases.</summary>
    public const string Lawyer = "lawyer";

    /// <summary>Reads everything, changes nothing; checks the audit trail.</summary>
    public const string Auditor = "auditor";

    /// <summary>Manages staff accounts and security settings; sees no person's data by this role alone.</summary>
    public const string Admin = "admin";

    /// <summary>The data team: imports and licensed exports; sees licensees, not requests.</summary>
    public const string DataTeam = "data";

    public static readonly string[] All = [Operator, Dpo, Lawyer, Auditor, Admin, DataTeam];
}

/// <summary>What each role may do. Pages and actions name a policy, never a role.</summary>
public static class OfficePolicies
{
    /// <summary>Any member of staff: the office's own pages (account, sign-out).</summary>
    public const string Staff = "office.staff";

    /// <summary>See requests, inquiries and messages, that is persons' data.</summary>
    public const string ReadCases = "office.read-cases";

    /// <summary>Act on requests and inquiries: register post, decide reviews, reply, pause.</summary>
    public const string HandleCases = "office.handle-cases";

    /// <summary>Legal decisions: extend a deadline, refuse a request.</summary>
    public const string DecideLegal = "office.decide-legal";

    /// <summary>Edit the reply templates.</summary>
    public const string EditTemplates = "office.edit-templates";

    /// <summary>Record breaches, assess them and decide whether to notify.</summary>
    public const string ManageBreaches = "office.manage-breaches";

    /// <summary>Work the regulator's cases: letters, outcomes, evidence packs.</summary>
    public const string ManageCases = "office.manage-cases";

    /// <summary>Keep the record of processing activities.</summary>
    public const string ManageRecords = "office.manage-records";

    /// <summary>Read and verify the audit trail.</summary>
    public const string ReadAudit = "office.read-audit";

    /// <summary>Invite staff, change roles, require two-factor sign-in.</summary>
    public const string ManageStaff = "office.manage-staff";

    public const string ManageLicensing = "office.manage-licensing";

    /// <summary>Answer the portal's chat: pick conversations up, reply, hand over.</summary>
    public const string AnswerChat = "office.answer-chat";

    /// <summary>Write and publish the knowledge base and the licensees' guides.</summary>
    public const string ManageKnowledge = "office.manage-knowledge";

    /// <summary>Make courses, assign them to roles, see who is trained and who is overdue.</summary>
    public const string ManageTraining = "office.manage-training";

    /// <summary>The dashboard's figures, the charts, the annual report and the lists' CSV exports.</summary>
    public const string ReadReports = "office.read-reports";

    /// <summary>Set the chat's office hours.</summary>
    public const string ConfigureChat = "office.configure-chat";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireRole(StaffRoles.All));
        options.AddPolicy(ReadCases, p => p.RequireRole(StaffRoles.Operator, StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor));
        options.AddPolicy(HandleCases, p => p.RequireRole(StaffRoles.Operator, StaffRoles.Dpo));
        options.AddPolicy(DecideLegal, p => p.RequireRole(StaffRoles.Dpo, StaffRoles.Lawyer));
        options.AddPolicy(EditTemplates, p => p.RequireRole(StaffRoles.Dpo));
        options.AddPolicy(ManageBreaches, p => p.RequireRole(StaffRoles.Dpo, StaffRoles.Lawyer));
        options.AddPolicy(ManageCases, p => p.RequireRole(StaffRoles.Dpo, StaffRoles.Lawyer));
        options.AddPolicy(ManageRecords, p => p.RequireRole(StaffRoles.Dpo));
        options.AddPolicy(ReadAudit, p => p.RequireRole(StaffRoles.Auditor, StaffRoles.Dpo, StaffRoles.Admin));
        options.AddPolicy(ManageStaff, p => p.RequireRole(StaffRoles.Admin));
        options.AddPolicy(ManageLicensing, p => p.RequireRole(StaffRoles.DataTeam, StaffRoles.Dpo));
        options.AddPolicy(AnswerChat, p => p.RequireRole(StaffRoles.Operator, StaffRoles.Dpo));
        options.AddPolicy(ManageKnowledge, p => p.RequireRole(StaffRoles.Dpo));
        options.AddPolicy(ManageTraining, p => p.RequireRole(StaffRoles.Dpo));
        options.AddPolicy(ReadReports, p => p.RequireRole(StaffRoles.Dpo, StaffRoles.Lawyer, StaffRoles.Auditor));
        options.AddPolicy(ConfigureChat, p => p.RequireRole(StaffRoles.Dpo));
    }
}
