using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>
/// A real IMAP server on loopback: Debian's Dovecot, started with its own configuration in a temporary
/// folder, one mailbox (<see cref="User"/>) in Maildir. Outside CI, tests skip when Dovecot is not installed.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "iod";
    public const string Password = "imap-test-password";
    const string Binary = "/usr/sbin/dovecot";

    readonly string _root = Directory.CreateTempSubdirectory("dpodesk-dovecot-").FullName;
    Process? _process;

    public int Port { get; } = DpoDeskApp.FreePort();

    public static bool Installed => File.Exists(Binary);

    public static void SkipUnlessInstalled()
    {
        if (Installed)
            return;
        Assert.False(Environment.GetEnvironmentVariable("CI") is { Length: > 0 }, "Dovecot must be installed in CI (.ci/run installs dovecot-imapd).");
        Assert.Skip("Dovecot (dovecot-imapd) is not installed.");
    }

    public async Task StartAsync()
    {
        var uid = Run("id", "-u");
        var gid = Run("id", "-g");
        // Dovecot runs neither its login processes nor mail access as root: as root (CI), use the users the
        // package made and Debian's "mail" user for the mailbox; as anyone else, that user.
        var root = uid == "0";
        if (root)
        {
            uid = Run("id", "-u mail");
            gid = Run("id", "-g mail");
            Directory.CreateDirectory(Path.Combine(_root, "mail"));
            Run("chown", $"mail:mail {Path.Combine(_root, "mail")}");
        }
        var loginUser = root ? "dovenull" : Environment.UserName;
        var internalUser = root ? "dovecot" : Environment.UserName;
        var group = root ? "dovecot" : Run("id", "-gn");
        File.WriteAllText(Path.Combine(_root, "users"), $"{User}:{{PLAIN}}{Password}\n");
        // Dovecot's own processes (another user when run as root) read the password file through the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(Path.Combine(_root, "users"), (UnixFileMode)0b110_100_100);
        }
        var config = Path.Combine(_root, "dovecot.conf");
        File.WriteAllText(config, $$"""
            base_dir = {{_root}}/run
            state_dir = {{_root}}/state
            log_path = {{_root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = {{loginUser}}
            default_internal_user = {{internalUser}}
            default_internal_group = {{group}}
            first_valid_uid = 0
            first_valid_gid = 0
            mail_location = maildir:{{_root}}/mail/%u
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_root}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{_root}}/mail/%u
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["-F", "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        for (var i = 0; i < 30; i++)
        {
            try
            {
                using var client = await ConnectAsync();
                return;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or ImapProtocolException or OperationCanceledException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
        var log = File.Exists(Path.Combine(_root, "dovecot.log")) ? File.ReadAllText(Path.Combine(_root, "dovecot.log")) : "";
        throw new InvalidOperationException("Dovecot did not start: " + log + await _process.StandardError.ReadToEndAsync());
    }

    /// <summary>A signed-in client of the test mailbox, as a mail server delivering (APPEND) or a person checking.</summary>
    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 5000 };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, timeout.Token);
            await client.AuthenticateAsync(User, Password, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Delivers a message to the mailbox, unread, as the mail server would.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    /// <summary>How many messages in the mailbox are still unread.</summary>
    public async Task<int> UnreadAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var unread = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.NotSeen);
        await client.DisconnectAsync(true);
        return unread.Count;
    }

    static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
