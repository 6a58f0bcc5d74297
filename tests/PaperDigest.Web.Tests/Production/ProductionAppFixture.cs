using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Production;

/// <summary>The app as operators run it: the Production environment, with Site:BaseUrl left at its default.</summary>
public sealed class ProductionAppFixture(PostgresServer server) : WebAppFixture(server)
{
    protected override string Environment => "Production";
}
