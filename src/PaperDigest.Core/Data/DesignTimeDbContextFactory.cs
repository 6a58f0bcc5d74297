using Microsoft.EntityFrameworkCore.Design;

namespace PaperDigest.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PaperDigestDbContext>
{
    public PaperDigestDbContext CreateDbContext(string[] args) =>
        new(PaperDigestDbContextOptions.Create("Host=localhost;Database=paperdigest_design"));
}
