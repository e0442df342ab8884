using System;
using System.Collections.Generic;
using CommerceSync.Services;
using CommerceSync.Data;
using CommerceSync.Storage;

namespace CommerceSync.Application
{
    /// <summary>The store itself: what it holds, its integrity, export and import, backup and settings.</summary>
    public sealed class Maintenance
    {
        private readonly StoreDatabase db;

        internal Maintenance(StoreDatabase db) { this.db = db; }

        /// <summary>Where the store is, as objects show it (a connection string without its password).</summary>
        public string Location => db.Path;

        /// <summary>The Store object the store cmdlets write: what the open store holds.</summary>
        public Store Describe(StoreSource source) => new Store
        {
            Path = db.Path,
            Location = db.Location,
            Backend = db.Backend,
            Source = source,
            SchemaVersion = db.SchemaVersion,
            AccountNumberFormat = db.GetSetting("AccountNumberFormat"),
            Channels = (int)db.Count("channel"),
            AsyncCustomers = db.Count("ch_async_customer", "operation = 1"),
            Customers = db.Count("cust_table"),
            HeadquartersAvailable = db.HeadquartersAvailable,
            BusyTimeout = db.BusyTimeout,
            ReadOnly = db.ReadOnly,
            CustomerAttributeGroup = new AttributeStore(db).Group(),
            StatementPostingMode = db.StatementPostingMode,
            FilterSharedCustomerData = db.FilterSharedCustomerData,
        };

        public IReadOnlyList<IntegrityViolation> CheckIntegrity(bool full) => new IntegrityStore(db).Check(full);

        /// <summary>Refuses a destination the store may not write (the store itself, an open store, an existing file without force).</summary>
        public void CheckDestination(string destination, bool force, bool anyOpenedStore) => db.CheckDestination(destination, force, anyOpenedStore);

        public void BackupTo(string destination, bool force) => db.BackupTo(destination, force);

        public TransferResult Export(string path, Action<long> progress) => new TransferStore(db).ExportToFile(path, progress);

        public TransferResult Import(string path, Action<long> progress) => new TransferStore(db).ImportFromFile(path, progress);

        public void SetBusyTimeout(TimeSpan timeout) => db.SetBusyTimeoutSetting(timeout);

        public StatementPostingMode StatementPostingMode => db.StatementPostingMode;

        /// <summary>Switches the store's statement posting; to trickle feed only with no legacy statement waiting (<see cref="Rules.PostingRules.CheckModeChange"/>).</summary>
        public void SetStatementPostingMode(StatementPostingMode mode)
        {
            using (var tx = db.BeginWrite())
            {
                Rules.PostingRules.CheckModeChange(mode, new OrderStore(db).CountPendingLegacyStatements());
                db.StatementPostingMode = mode;
                tx.Commit();
            }
        }

        /// <summary>The channel schema's "Filter shared customer data tables", for every channel (and those created later).</summary>
        public void SetFilterSharedCustomerData(bool on) => new ChannelStore(db).SetFilterSharedCustomerDataForAll(on);

        /// <summary>False rehearses HQ being unreachable: sync-mode channels fall back to async creation, real-time customer orders to the asynchronous path or a refusal.</summary>
        public void SetHeadquartersAvailable(bool available) => db.HeadquartersAvailable = available;
    }
}
