using DpoDesk.Audit;
using DpoDesk.Breaches;
using DpoDesk.Contacts;
using DpoDesk.Dpia;
using DpoDesk.Inquiries;
using DpoDesk.Notifications;
using DpoDesk.Records;
using DpoDesk.Regulator;
using DpoDesk.Requests;
using DpoDesk.Staff;
using DpoDesk.Suppression;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace DpoDesk.Persistence;

/// <summary>
/// The database of DpoDesk. One model for both engines; each engine has its own subclass only so that
/// its migrations can be told apart (<see cref="SqliteDbContext"/>, <see cref="PostgresDbContext"/>).
/// </summary>
public abstract class DpoDeskDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<ContactSource> ContactSources => Set<ContactSource>();
    public DbSet<Licensing.Licensee> Licensees => Set<Licensing.Licensee>();
    public DbSet<Licensing.Licence> Licences => Set<Licensing.Licence>();
    public DbSet<Licensing.LicenceExport> LicenceExports => Set<Licensing.LicenceExport>();
    public DbSet<Licensing.DisclosureBlock> DisclosureBlocks => Set<Licensing.DisclosureBlock>();
    public DbSet<Licensing.LicenseeNotice> LicenseeNotices => Set<Licensing.LicenseeNotice>();
    public DbSet<Request> Requests => Set<Request>();
    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();
    public DbSet<RequestNumberSequence> RequestNumberSequences => Set<RequestNumberSequence>();
    public DbSet<SuppressionEntry> SuppressionEntries => Set<SuppressionEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<OfficeSetting> OfficeSettings => Set<OfficeSetting>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<RequestDocument> RequestDocuments => Set<RequestDocument>();
    public DbSet<Inquiry> Inquiries => Set<Inquiry>();
    public DbSet<Breach> Breaches => Set<Breach>();
    public DbSet<ProcessingActivity> ProcessingActivities => Set<ProcessingActivity>();
    public DbSet<DataProtectionAssessment> Assessments => Set<DataProtectionAssessment>();
    public DbSet<AssessmentVersion> AssessmentVersions => Set<AssessmentVersion>();
    public DbSet<RegulatorCase> RegulatorCases => Set<RegulatorCase>();
    public DbSet<CaseLetter> CaseLetters => Set<CaseLetter>();
    public DbSet<CaseRequest> CaseRequests => Set<CaseRequest>();
    public DbSet<InquiryMessage> InquiryMessages => Set<InquiryMessage>();
    public DbSet<InquiryAttachment> InquiryAttachments => Set<InquiryAttachment>();
    public DbSet<Knowledge.Article> Articles => Set<Knowledge.Article>();
    public DbSet<Knowledge.ArticleVersion> ArticleVersions => Set<Knowledge.ArticleVersion>();
    public DbSet<Training.Course> Courses => Set<Training.Course>();
    public DbSet<Training.TrainingCompletion> TrainingCompletions => Set<Training.TrainingCompletion>();
    public DbSet<Training.TrainingReminder> TrainingReminders => Set<Training.TrainingReminder>();
    public DbSet<Chat.Conversation> ChatConversations => Set<Chat.Conversation>();
    public DbSet<Chat.ChatMessage> ChatMessages => Set<Chat.ChatMessage>();
    public DbSet<Chat.ChatPresence> ChatPresence => Set<Chat.ChatPresence>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DpoDeskDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; SQLite hands DateTime back unspecified, so say so on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Conventions.Replace<ForeignKeyIndexConvention>(services => new ForeignKeyIndexes(
            services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));
    }

    /// <summary>
    /// An index on every foreign key, as EF makes by default, but the contact base's source: nothing
    /// reads contacts by source, sources are never deleted, and keeping that index cost an import of
    /// ten million rows three seconds (decision 0013).
    /// </summary>
    sealed class ForeignKeyIndexes(ProviderConventionSetBuilderDependencies dependencies) : ForeignKeyIndexConvention(dependencies)
    {
        protected override IConventionIndex? CreateIndex(IReadOnlyList<IConventionProperty> properties, bool unique, IConventionEntityTypeBuilder entityTypeBuilder) =>
            entityTypeBuilder.Metadata.ClrType == typeof(Contact) && properties is [{ Name: nameof(Contact.SourceId) }]
                ? null
                : base.CreateIndex(properties, unique, entityTypeBuilder);
    }

    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
