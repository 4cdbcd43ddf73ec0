using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DpoDesk.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DpoDeskDbContext>
{
    public DpoDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DpoDeskDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
