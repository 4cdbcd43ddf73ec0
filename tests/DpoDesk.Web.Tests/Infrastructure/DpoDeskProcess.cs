using System.Diagnostics;
using System.Text;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>DpoDesk as its own operating-system process, the way a second instance runs in production.</summary>
public sealed class DpoDeskProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();

    DpoDeskProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Where the process serves HTTP, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Url { get; private set; } = "";

    public static DpoDeskProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DpoDesk.Web.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var url = $"http://127.0.0.1:{DpoDeskApp.FreePort()}";
        start.ArgumentList.Add($"--urls={url}");
        var process = new Process { StartInfo = start };
        var result = new DpoDeskProcess(process) { Url = url };
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>Ends the process at once, as a crash or <c>kill -9</c> would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
