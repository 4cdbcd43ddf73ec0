using System.Diagnostics;
using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

/// <summary>Settings are checked at start-up; a bad one stops DpoDesk with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--Smtp:Port=70000", "Smtp:Port")]
    [InlineData("--Portal:PublicUrl=not-a-url", "Portal:PublicUrl")]
    [InlineData("--Mail:FromAddress=nobody", "Mail:FromAddress")]
    [InlineData("--Sms:BaseUrl=ftp://gateway", "Sms:BaseUrl")]
    [InlineData("--Smtp:Security=maybe", "Smtp:Security")]
    public async Task A_bad_setting_stops_start_up_with_a_message_naming_the_key(string setting, string key)
    {
        var (exitCode, output) = await RunDpoDeskAsync(setting);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    static async Task<(int ExitCode, string Output)> RunDpoDeskAsync(string setting)
    {
        var data = Directory.CreateTempSubdirectory("dpodesk-config-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = data,
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "DpoDesk.Web.dll"), setting,
                $"--DataDirectory={data}", "--DemoData:Enabled=false", $"--urls=http://127.0.0.1:{DpoDeskApp.FreePort()}",
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"DpoDesk started with {setting} instead of refusing it.");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
