using DpoDesk.Contacts;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Suppression;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Hosting;

public static class CoreRegistration
{
    /// <summary>The database, the keyed hashes and the request use cases.</summary>
    public static IHostApplicationBuilder AddDpoDeskCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Pages wake this process's workers; an instance without workers wakes nobody and they poll.
        services.AddSingleton<Workers.WorkSignals>();
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IConfiguration>()["DataDirectory"] is { Length: > 0 } dir ? dir : "data"));

        // Sign-in and anti-forgery keys survive restarts, kept beside the other secrets.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<DataDirectory, ILoggerFactory>((options, data, logs) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(data.Root, "secrets", "data-protection")), logs));

        services.AddDpoDeskDatabase(sp => sp.GetRequiredService<IConfiguration>().GetConnectionString("DpoDesk"));

        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var secretFile = configuration["Suppression:SecretFile"] is { Length: > 0 } file ? file : sp.GetRequiredService<DataDirectory>().SecretFile;
            return SuppressionKeys.Load(secretFile);
        });

        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var secretFile = configuration["Audit:SecretFile"] is { Length: > 0 } file ? file : sp.GetRequiredService<DataDirectory>().AuditSecretFile;
            return new Audit.AuditTrail(SecretFile.LoadOrCreate(secretFile));
        });

        services.AddSettings<PortalOptions>("Portal", o =>
            Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? []
                : ["Portal:PublicUrl: must be an absolute http or https address, e.g. https://iod.example.pl"]);
        services.AddSettings<RequestOptions>("Requests", o =>
            o.ConfirmationValidity > TimeSpan.Zero ? [] : ["Requests:ConfirmationValidity: must be longer than zero"]);
        services.AddSettings<DemoDataOptions>("DemoData");
        services.AddSettings<Breaches.ControllerOptions>("Controller");

        services.AddScoped<SubmitRequest>();
        services.AddScoped<ConfirmRequest>();
        services.AddScoped<ProcessRequest>();
        services.AddScoped<ExpireRequests>();
        services.AddScoped<FindRequestStatus>();
        services.AddScoped<RequestDesk>();
        services.AddScoped<ImportContacts>();
        services.AddHostedService<StartupTasks>();
        return builder;
    }
}

/// <summary>The <c>DemoData:*</c> settings: a synthetic contact base for an empty database.</summary>
public sealed class DemoDataOptions
{
    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(0, 10_000_000)]
    public int Contacts { get; set; } = 100_000;
}
