using PaperDigest.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
