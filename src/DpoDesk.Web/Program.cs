using DpoDesk.Web.Api;
using DpoDesk.Web.Chat;
using DpoDesk.Web.Hosting;
using DpoDesk.Web.Learning;
using DpoDesk.Web.Office;
using DpoDesk.Web.Portal;
using DpoDesk.Web.Workers;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var role = HostRole.From(builder.Configuration["role"]);
builder.AddDpoDeskCore();
builder.AddNotifications();
builder.AddHealth();
builder.AddMetrics();
if (role.RunsWorkers)
    builder.AddWorkers();
builder.AddPortal();
builder.AddOffice();
builder.AddChat();

var app = builder.Build();
app.UsePortalPipeline();
app.UseTwoFactorRequirement();
app.MapHealth();
app.MapMetrics();
if (role.ServesWeb)
{
    app.MapPortal();
    app.MapOffice();
    app.MapLicenseeApi();
    app.MapLearning();
    app.MapChat();
}

try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("DpoDesk cannot start: the configuration is not valid.");
    foreach (var failure in e.Failures)
        Console.Error.WriteLine($"  {failure}");
    return 1;
}

/// <summary>The web host's entry point, public so that tests can start it.</summary>
public partial class Program;
