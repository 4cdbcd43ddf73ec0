using System.Text;
using DpoDesk.Licensing;
using Microsoft.EntityFrameworkCore;

/// <summary>Licensed datasets from the command line.</summary>
static class LicensingCommands
{
    public static async Task<int> ExportAsync(string[] args)
    {
        string? number = null, output = null, dataDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--licence" or "--license": number = Args.Value(args, ref i); break;
                case "--out": output = Args.Value(args, ref i); break;
                case "--data-directory": dataDirectory = Args.Value(args, ref i); break;
                default: throw new CliException($"Unexpected '{args[i]}'.");
            }
        }
        if (number is null || output is null)
            throw new CliException("export needs --licence NUMBER and --out FILE.");

        var data = Args.Data(dataDirectory);
        await using var db = await Args.OpenDatabaseAsync(data);
        using var keys = Args.Keys(data);
        var licence = await db.Licences.Include(l => l.Licensee).FirstOrDefaultAsync(l => l.Number == number)
            ?? throw new CliException($"No licence {number}.");

        // Written beside the target and moved into place once the ledger has it: a file that exists was recorded.
        var partial = output + ".partial";
        ExportResult result;
        try
        {
            await using (var writer = new StreamWriter(ContactCommands.OwnerOnlyStream(partial), new UTF8Encoding(false), 1 << 16))
                result = await new LicensingDesk(db, keys, TimeProvider.System).ExportAsync(licence, writer, "cli:" + Environment.UserName, CancellationToken.None);
            File.Move(partial, output, overwrite: true);
        }
        catch (InvalidOperationException e)
        {
            File.Delete(partial);
            throw new CliException(e.Message);
        }
        Console.WriteLine($"Exported {result.Written:N0} records for {licence.Licensee!.Company} under {licence.Number} (export {result.Export.Id}); withheld {result.Withheld:N0} objected or listed. Recorded in the disclosure ledger.");
        return 0;
    }
}
