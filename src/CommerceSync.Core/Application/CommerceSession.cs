using System;
using CommerceSync.Data;

namespace CommerceSync.Application
{
    /// <summary>
    /// What a cmdlet works with: the open store, by user-facing area (<c>session.Channels.Add(...)</c>). The areas run the
    /// rules (Rules/) and the statements (Data/); they hold no SQL. The session does not own the store: whoever opened
    /// it closes it. Jobs and services take <see cref="Database"/>.
    /// </summary>
    public sealed class CommerceSession
    {
        public CommerceSession(StoreDatabase database)
        {
            Database = database ?? throw new ArgumentNullException(nameof(database));
            Features = new Features(database);
            Channels = new Channels(database);
            Distribution = new Distribution(database);
            AsyncCustomers = new AsyncCustomers(database, Features);
            Customers = new Customers(database);
            Transactions = new Transactions(database);
            Orders = new Orders(database);
            LoyaltyCards = new LoyaltyCards(database);
            Operations = new Operations(database, Features);
            Runs = new Runs(database);
            Reports = new Reports(database);
            Maintenance = new Maintenance(database);
            Lookups = new Lookups(database);
            CustomerAttributes = new CustomerAttributes(database);
        }

        /// <summary>The open store, for the jobs and services that take it.</summary>
        public StoreDatabase Database { get; }

        /// <summary>The feature switches of async customer mode, read once for the session.</summary>
        public Features Features { get; }
        public Channels Channels { get; }
        /// <summary>Commerce Data Exchange's distribution schedules: the channel database groups each download job sends to.</summary>
        public Distribution Distribution { get; }
        public AsyncCustomers AsyncCustomers { get; }
        public Customers Customers { get; }
        public Transactions Transactions { get; }
        /// <summary>Sales orders and statements (the read side of Synchronize orders and statement posting).</summary>
        public Orders Orders { get; }
        public LoyaltyCards LoyaltyCards { get; }
        /// <summary>The "Customer synchronization status" page: uploaded operations and their corrections.</summary>
        public Operations Operations { get; }
        public Runs Runs { get; }
        /// <summary>The sync report and duplicate customers.</summary>
        public Reports Reports { get; }
        /// <summary>The store itself: integrity, export and import, backup, settings.</summary>
        public Maintenance Maintenance { get; }
        /// <summary>The ids a store knows, for tab completion.</summary>
        public Lookups Lookups { get; }
        /// <summary>Customer attribute definitions and the store's customer attribute group.</summary>
        public CustomerAttributes CustomerAttributes { get; }
    }
}
