using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>Staff accounts and forms of the office, driven as a member of staff would.</summary>
public partial class DpoDeskApp
{
    public const string StaffPassword = "Staff-Password-42!";

    /// <summary>Makes an account with these roles directly (the invitation has its own test).</summary>
    public async Task<string> CreateStaffAsync(params string[] roles)
    {
        var email = $"{string.Join("-", roles)}.{Guid.NewGuid():N}@staff.test";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + string.Join(" ", roles) };
        var created = await users.CreateAsync(user, StaffPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
            await users.AddToRolesAsync(user, roles);
        return email;
    }

    /// <summary>A browser signed in as a new member of staff with these roles.</summary>
    public async Task<HttpClient> StaffAsync(params string[] roles)
    {
        var email = await CreateStaffAsync(roles);
        var browser = Browser();
        using var response = await SignInAsync(browser, email, StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>Opens <paramref name="page"/>, takes its anti-forgery token and posts the fields to <paramref name="action"/> (the page itself by default).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var html = await browser.GetStringAsync(page);
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(html)), .. fields]);
        return await browser.PostAsync(action ?? page, content);
    }

    /// <summary>The code an authenticator app shows now for a key as the setup page shows it ("abcd efgh …").</summary>
    public static string TotpCode(string sharedKey) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    public static string SharedKeyOn(string html)
    {
        var match = Regex.Match(html, "id=\"shared-key\">([a-z2-7 ]+)<");
        Assert.True(match.Success, "The set-up page shows the key");
        return match.Groups[1].Value;
    }
}

public partial class DpoDeskApp
{
    public Task<long> RequestIdAsync(string number) =>
        QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Requests.Where(r => r.Number == number).Select(r => r.Id)));

    public Task WaitForStateAsync(string number, Requests.RequestState state) => EventuallyAsync(
        () => QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Requests, r => r.Number == number && r.State == state)),
        $"{number} in state {state}");

    /// <summary>
    /// An operator settles a review on the request's page: ticks the uncertain records whose row shows one
    /// of <paramref name="includeRowsWith"/>, gives the reason and saves.
    /// </summary>
    public async Task<HttpResponseMessage> DecideReviewAsync(HttpClient staff, string number, string reason, params string[] includeRowsWith)
    {
        var id = await RequestIdAsync(number);
        var page = await staff.GetStringAsync($"/office/requests/{id}");
        var rows = Regex.Matches(page, "<tr>\\s*<td><input type=\"checkbox\" id=\"include-\\d+\" name=\"Include\" value=\"(\\d+)\">.*?</tr>", RegexOptions.Singleline);
        var fields = new List<KeyValuePair<string, string>> { new("Reason", reason) };
        foreach (Match row in rows)
        {
            if (includeRowsWith.Any(text => row.Value.Contains(text, StringComparison.Ordinal)))
                fields.Add(new("Include", row.Groups[1].Value));
        }
        Assert.Equal(includeRowsWith.Length, fields.Count - 1);
        return await PostFormAsync(staff, $"/office/requests/{id}", fields, $"/office/requests/{id}?handler=Decide");
    }
}

public partial class DpoDeskApp
{
    /// <summary>Runs the <c>dpodesk</c> command-line tool against this app's database and secrets; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(params string[] arguments)
    {
        // tests/DpoDesk.Web.Tests/bin/{Configuration}/net10.0/ -> src/DpoDesk.Cli/bin/{Configuration}/net10.0/dpodesk.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var cli = Path.Combine(root, "src", "DpoDesk.Cli", "bin", configuration, output.Name, "dpodesk.dll");
        Assert.True(File.Exists(cli), $"The command-line tool is built: {cli}");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DataDirectory"] = DataPath;
        if (ConnectionString is not null)
            start.Environment["ConnectionStrings__DpoDesk"] = ConnectionString;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

public partial class DpoDeskApp
{
    /// <summary>The words of a PDF as a reader would see them, read back with PdfPig.</summary>
    public static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
