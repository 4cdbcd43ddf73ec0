using System.Data.Common;
using Npgsql;

namespace DpoDesk.Persistence;

/// <summary>Hand-written SQL shared by both engines, for the bulk paths where EF would cost more than the work.</summary>
public static class Sql
{
    /// <summary>
    /// Adds the next positional parameter, written <c>$1</c>, <c>$2</c>, … in the command text: SQLite
    /// binds it by that name, Npgsql by position, and only when it has no name.
    /// </summary>
    public static DbParameter Parameter(DbCommand command, object? value = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        if (command is not NpgsqlCommand)
            parameter.ParameterName = $"${command.Parameters.Count + 1}";
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
