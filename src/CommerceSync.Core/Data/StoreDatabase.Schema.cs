using System.Data.Common;
using System.Globalization;
using CommerceSync.Data.Migrations;

namespace CommerceSync.Data
{
    /// <summary>The store's schema version and its upgrade by the migrations of <see cref="Migrator"/>.</summary>
    public sealed partial class StoreDatabase
    {
        public int SchemaVersion => (int)Scalar<long>("SELECT COALESCE(MAX(version), 0) FROM schema_version;");

        /// <summary>Brings the schema to this module's version (one writer at a time), or refuses a store newer than this module.</summary>
        internal void Migrate()
        {
            try
            {
                Execute(Engine.Ddl("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);"));
                var current = SchemaVersion;
                if (current > Migrator.LatestVersion)
                {
                    throw new CommerceSyncException(ErrorIds.StoreSchemaTooNew, ErrorKind.NotSupported,
                        "The store '" + Path + "' has schema version " + current + ", newer than this module knows (" + Migrator.LatestVersion + "). Update CommerceSync.", Path);
                }
                if (current == Migrator.LatestVersion)
                {
                    ApplyStoreBusyTimeout();
                    return;
                }
                using (var tx = BeginWrite())
                {
                    current = SchemaVersion; // another process may have migrated while we waited
                    for (var v = current; v < Migrator.LatestVersion; v++)
                    {
                        Execute(Engine.Ddl(Migrator.Scripts[v].Sql));
                        Execute("INSERT INTO schema_version(version) VALUES (" + (v + 1).ToString(CultureInfo.InvariantCulture) + ");");
                    }
                    // A new store posts as D365 recommends (trickle-feed.md); a migrated one keeps the Legacy posting migration 12 gave it.
                    if (current == 0) StatementPostingMode = StatementPostingMode.TrickleFeed;
                    tx.Commit();
                }
                ApplyStoreBusyTimeout();
            }
            catch (DbException ex)
            {
                throw Translate(ex);
            }
        }
    }
}
