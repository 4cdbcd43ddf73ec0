using System.Runtime.InteropServices;

namespace DpoDesk.Contacts;

/// <summary>
/// The few SQLite functions a bulk insert calls per value, straight from the library SQLitePCL
/// loaded (e_sqlite3), on the raw statement pointer. A bind is a few nanoseconds of SQLite's work;
/// through SQLitePCL each also took and released a SafeHandle reference and switched the thread's
/// GC mode. The binds are marked as not switching it: they return at once and never call back.
/// </summary>
static unsafe class SqliteNative
{
    /// <summary>SQLITE_STATIC: the value stays where it is until the statement is stepped, so SQLite need not copy it.</summary>
    const nint Static = 0;

    static readonly nint Library = NativeLibrary.Load("e_sqlite3", typeof(SQLitePCL.raw).Assembly, null);

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, nint, int, nint, int> bindText =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, nint, int, nint, int>)NativeLibrary.GetExport(Library, "sqlite3_bind_text");

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int, int> bindInt =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int, int>)NativeLibrary.GetExport(Library, "sqlite3_bind_int");

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> bindInt64 =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)NativeLibrary.GetExport(Library, "sqlite3_bind_int64");

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> bindNull =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(Library, "sqlite3_bind_null");

    // Stepping writes to the database and may wait on a lock: an ordinary call.
    static readonly delegate* unmanaged[Cdecl]<nint, int> step =
        (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(Library, "sqlite3_step");

    static readonly delegate* unmanaged[Cdecl]<nint, int> reset =
        (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(Library, "sqlite3_reset");

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, nint> dbMutex =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, nint>)NativeLibrary.GetExport(Library, "sqlite3_db_mutex");

    // Entering may wait for another thread: an ordinary call.
    static readonly delegate* unmanaged[Cdecl]<nint, void> mutexEnter =
        (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(Library, "sqlite3_mutex_enter");

    static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, void> mutexLeave =
        (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, void>)NativeLibrary.GetExport(Library, "sqlite3_mutex_leave");

    /// <summary>
    /// Holds the connection's mutex until disposed. Every call on a connection takes its (recursive)
    /// mutex; a thread that holds it already takes it again without an atomic operation, which for
    /// fifteen calls a row was a tenth of the writer's time.
    /// </summary>
    public static ConnectionHold Hold(nint connection) => new(dbMutex(connection));

    public readonly struct ConnectionHold : IDisposable
    {
        readonly nint _mutex;

        internal ConnectionHold(nint mutex)
        {
            _mutex = mutex;
            if (mutex != 0)
                mutexEnter(mutex);
        }

        public void Dispose()
        {
            if (_mutex != 0)
                mutexLeave(_mutex);
        }
    }

    /// <summary>Binds UTF-8 at <paramref name="text"/>, which must stay put until the statement is stepped.</summary>
    public static int BindText(nint statement, int index, nint text, int length) => bindText(statement, index, text, length, Static);

    public static int BindInt(nint statement, int index, int value) => bindInt(statement, index, value);

    public static int BindInt64(nint statement, int index, long value) => bindInt64(statement, index, value);

    public static int BindNull(nint statement, int index) => bindNull(statement, index);

    public static int Step(nint statement) => step(statement);

    public static int Reset(nint statement) => reset(statement);
}
