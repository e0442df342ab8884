using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Services
{
    /// <summary>How a channel created a customer.</summary>
    public enum CreationMode
    {
        /// <summary>Real time at HQ: an account number at once.</summary>
        Synchronous,
        /// <summary>In the channel database with a GUID (async mode, or the fallback when HQ cannot be reached).</summary>
        Asynchronous,
        /// <summary>In the register's offline database, until it is back online.</summary>
        Offline,
    }

    /// <summary>
    /// The rule of where a new customer goes (one place): an offline register writes to its offline database (refused when the channel
    /// schema filters shared customer data); a channel in async mode writes to its channel database; a channel in sync mode creates the
    /// customer at HQ in real time, and falls back to async creation when HQ cannot be reached.
    /// </summary>
    public sealed class CustomerCreation
    {
        private readonly StoreDatabase db;
        private readonly AsyncCustomerStore customers;

        public CustomerCreation(StoreDatabase db)
        {
            this.db = db;
            customers = new AsyncCustomerStore(db); // reads the feature switches once for this object
        }

        public bool HeadquartersAvailable => db.HeadquartersAvailable;

        /// <summary>Appends prepared async customers, each channel's to its offline database when its registers are offline.</summary>
        public void AppendAsync(IReadOnlyList<AsyncCustomer> prepared)
        {
            if (prepared.Count == 0) return;
            var store = new AsyncCustomerStore(db);
            var channels = new ChannelStore(db);
            // One commit for the whole batch, whatever channels it spans: a batch is there or it is not.
            using (var tx = db.BeginWrite())
            {
                foreach (var group in prepared.GroupBy(c => c.ChannelId, StringComparer.OrdinalIgnoreCase))
                {
                    store.AppendInTransaction(group.ToList(), offline: channels.Get(group.Key).IsOffline);
                }
                tx.Commit();
            }
        }

        /// <summary>Where a customer created now at this channel would go.</summary>
        public CreationMode ModeFor(Channel channel) =>
            channel.IsOffline ? CreationMode.Offline
            : channel.AsyncCustomerMode || !HeadquartersAvailable ? CreationMode.Asynchronous
            : CreationMode.Synchronous;

        /// <summary>
        /// Creates a customer at a channel by the rule above. Returns the HQ <see cref="Customer"/> for a real-time create,
        /// else the <see cref="AsyncCustomer"/> written to the channel or offline database.
        /// </summary>
        public (object Created, CreationMode Mode) Create(AsyncCustomer draft)
        {
            var channel = new ChannelStore(db).Get(draft.ChannelId);
            var mode = ModeFor(channel);
            var prepared = customers.Prepare(draft, channel, customers.DefaultCustomerOf(channel), realTime: mode == CreationMode.Synchronous);
            if (mode != CreationMode.Synchronous)
            {
                AppendAsync(new[] { prepared });
                return (prepared, mode);
            }
            var error = CustomerRules.CheckAtHeadquarters(prepared.Name, prepared.FirstName, prepared.MiddleName, prepared.LastName,
                prepared.Email, prepared.Phone, prepared.Currency, prepared.CustomerGroup, prepared.ReceiptEmail)
                ?? (prepared.Addresses ?? Array.Empty<AsyncAddress>()).Select(a => CustomerRules.CheckAddress(a.Country)).FirstOrDefault(e => e != null);
            if (error != null)
            {
                throw new CommerceSyncException(ErrorIds.ValidationFailed, ErrorKind.InvalidData, "HQ refused the customer: " + error, draft);
            }
            string account;
            using (var tx = db.BeginWrite())
            {
                var sync = new SyncStore(db);
                var now = DateTime.UtcNow;
                var run = new JobRun { RunId = 0 };
                var numbers = new NumberSequences(db);
                // A channel read from the store has its id and legal entity.
                account = numbers.AllocateAccountNumbers(channel.DataAreaId!, 1)[0];
                var row = new DueCustomerOperation
                {
                    ChannelId = channel.ChannelId, Counter = -1, DataAreaId = channel.DataAreaId, Operation = AsyncOperation.Create,
                    FirstName = prepared.FirstName, MiddleName = prepared.MiddleName, LastName = prepared.LastName, Name = prepared.Name,
                    Email = prepared.Email, Phone = prepared.Phone, Currency = prepared.Currency, CustomerGroup = prepared.CustomerGroup,
                    Language = prepared.Language, RelationshipType = prepared.RelationshipType,
                    ReceiptOption = prepared.ReceiptOption, ReceiptEmail = prepared.ReceiptEmail,
                };
                sync.ApplyCustomers(new[] { new SyncStore.CustomerDecision { Row = row, AccountNumber = account, PartyId = numbers.FirstFreePartyId(), IsNew = true } }, run.RunId, now);
                foreach (var a in prepared.Addresses ?? Array.Empty<AsyncAddress>()) sync.InsertAddress(channel.DataAreaId!, account, a);
                foreach (var t in prepared.Attributes ?? Array.Empty<CustomerAttribute>()) sync.UpsertAttribute(channel.DataAreaId!, account, t);
                foreach (var f in prepared.Affiliations ?? Array.Empty<string>()) sync.InsertAffiliation(channel.DataAreaId!, account, f);
                sync.Changes.Write(run.RunId);
                // The POS that asked gets the customer back at once; the other stores get it with job 1010.
                var dist = new DistributionStore(db);
                dist.LoadAccounts(channel.DataAreaId!, new[] { account });
                dist.SendAccounts(dist.Targets(new[] { channel.ChannelId! }, excludeOffline: true, scheduleId: null).Single(), 0, now);
                tx.Commit();
            }
            return (new CustomerStore(db).ReadHeadquarters(new CustomerFilter { AccountNumbers = new[] { account } })
                .Single(c => string.Equals(c.DataAreaId, channel.DataAreaId, StringComparison.OrdinalIgnoreCase)), CreationMode.Synchronous);
        }
    }
}
