using PaperDigest.EndToEnd.Tests;
using PaperDigest.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(ChromiumBrowser))]
