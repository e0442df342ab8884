using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;
using CommerceSync.Rules;

namespace CommerceSync.Jobs
{
    /// <summary>What a sync run would do in one channel (for -WhatIf).</summary>
    public sealed class SyncPreview
    {
        public string? ChannelId { get; set; }
        public long Create { get; set; }
        public long AlreadyConverted { get; set; }
        public long WouldFail { get; set; }
    }

    /// <summary>
    /// "Synchronize customers and channel requests" (formerly "Synchronize customers and business partners from async mode").
    /// Turns uploaded async customers into HQ customers with account numbers, then applies their addresses and attributes.
    /// Orders and statement posting call the same chunk step, so every path creates an async customer exactly once.
    /// </summary>
    public sealed class AsyncCustomerSync
    {
        private readonly StoreDatabase db;
        private readonly SyncStore sync;
        private readonly NumberSequences numbers;

        public AsyncCustomerSync(StoreDatabase db)
        {
            this.db = db;
            sync = new SyncStore(db);
            numbers = new NumberSequences(db);
        }

        /// <summary>Bulk mode: every uploaded row not yet processed (rows that failed before wait for a fix, or an explicit retry).</summary>
        public JobRun Run(JobOptions options)
        {
            var channels = JobExecution.ScopeChannels(options, JobNames.PJob);
            var limit = options.ChunkSizeOr(JobOptions.DefaultChunkSize);
            if (!db.ClaimsRunTogether)
            {
                // One writer at a time (SQLite): a chunk takes the oldest due rows of the scope, whichever channel they are in.
                var scope = new SyncScope { ChannelIds = channels };
                return JobExecution.RunBulk(db, JobNames.SynchronizeCustomers, options, channels, () => sync.CountDue(channels),
                    run => ProcessChunk(run, scope, limit, options.Log) > 0 ? lastChannel ?? "" : null);
            }
            // Workers on a shared store: a chunk is one channel's, claimed for it, so workers convert different channels at once.
            // The run ends after a pass over every channel decided nothing (a chunk in one channel can make another's rows due).
            var all = channels ?? new ChannelStore(db).List().Select(c => c.ChannelId!).ToArray(); // a listed channel has its id
            var pending = new List<string>(all);
            var decidedInPass = false;
            return JobExecution.RunBulk(db, JobNames.SynchronizeCustomers, options, channels, () => sync.CountDue(channels), run =>
            {
                while (true)
                {
                    if (pending.Count == 0)
                    {
                        if (!decidedInPass) return null;
                        pending.AddRange(all);
                        decidedInPass = false;
                    }
                    var (index, decided) = JobExecution.OnNextFree(db, pending, Claims.Conversion,
                        ch => InChunk(run, new SyncScope { ChannelIds = new[] { ch } }, limit, options.Log));
                    if (decided > 0)
                    {
                        decidedInPass = true;
                        return pending[index];
                    }
                    pending.RemoveAt(index);
                }
            });
        }

        /// <summary>Record mode: these async customers (failed ones are retried). Returns their state afterwards.</summary>
        public IReadOnlyList<AsyncCustomer> SyncRecords(RecordRun recordRun, IReadOnlyList<string> asyncCustomerIds, int chunkSize = 5000, Action<string>? log = null)
        {
            if (asyncCustomerIds.Count == 0) return Array.Empty<AsyncCustomer>();
            var ids = asyncCustomerIds.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var store = new AsyncCustomerStore(db);
            var channels = store.Read(new AsyncCustomerFilter { AsyncCustomerIds = ids, IncludeDetails = false }).Select(c => c.ChannelId!).Distinct(StringComparer.OrdinalIgnoreCase);
            var run = recordRun.Ensure(channels);
            // Earlier failures are retried once, in as many chunks as they take; a row that fails again in this run is not read again, so the loop ends.
            var scope = new SyncScope { AsyncCustomerIds = ids, IncludeFailed = true, RetryRunId = run.RunId };
            while (ProcessChunk(run, scope, chunkSize, log) > 0)
            {
            }
            return store.Read(new AsyncCustomerFilter { AsyncCustomerIds = ids }).ToList();
        }

        /// <summary>
        /// One committed chunk: customer creates in counter order, then the addresses and attributes whose customer now has an account.
        /// Returns how many rows it decided (0: nothing left in scope).
        /// </summary>
        public int ProcessChunk(JobRun run, SyncScope scope, int limit, Action<string>? log = null)
        {
            using (var tx = db.BeginWrite())
            {
                var decided = InChunk(run, scope, limit, log);
                tx.Commit();
                return decided;
            }
        }

        private int InChunk(JobRun run, SyncScope scope, int limit, Action<string>? log)
        {
            var counts = ProcessInTransaction(run, scope, limit, DateTime.UtcNow, log);
            new JobRunStore(db).AddCounts(run, counts.Processed, counts.Failed, counts.Customers);
            return counts.Decided;
        }

        // What workers converting different channels at once still share is claimed in the order of Claims.Order: the number
        // sequences, then the customers HQ already has, then (in ChangeLog.Write) the change log.

        /// <summary>
        /// Synchronizes the async customers and addresses that orders or statements reference, inside the caller's transaction,
        /// through the same step as the sync job, so each customer is created exactly once whichever path reaches it first.
        /// Rows that failed before stay failed until fixed (their reason is what the caller reports), unless <paramref name="retryFailed"/>: an admin retrying these transactions tries them again, once in this run.
        /// </summary>
        /// <returns>Rows synchronized and failed, and the customers synchronized that the run had not counted yet.</returns>
        public (int Processed, int Failed, int Customers) SyncReferences(JobRun run, IReadOnlyCollection<string> asyncCustomerIds, IReadOnlyCollection<string> addressIds, DateTime now, Action<string>? log = null, bool retryFailed = false)
        {
            if (asyncCustomerIds.Count == 0 && addressIds.Count == 0) return (0, 0, 0);
            var scope = new SyncScope
            {
                AsyncCustomerIds = asyncCustomerIds.Count == 0 ? null : asyncCustomerIds.ToArray(),
                AddressIds = addressIds.Count == 0 ? null : addressIds.ToArray(),
                IncludeFailed = retryFailed,
                RetryRunId = retryFailed ? run.RunId : (long?)null,
            };
            int processed = 0, failed = 0, customers = 0;
            while (true)
            {
                var c = ProcessInTransaction(run, scope, 5000, now, log);
                processed += c.Processed;
                failed += c.Failed;
                customers += c.Customers;
                if (c.Decided == 0) return (processed, failed, customers);
            }
        }

        // The channel of the last chunk's first row, for progress (a chunk mostly holds one channel's rows: they come in channel order).
        private string? lastChannel;

        private (int Decided, int Processed, int Failed, int Customers) ProcessInTransaction(JobRun run, SyncScope scope, int limit, DateTime now, Action<string>? log)
        {
            // 1. Creates, each with the later edits of the same customer folded in: the latest state is what HQ creates.
            var rows = sync.ReadDueCustomers(scope, limit);
            lastChannel = rows.Count > 0 ? rows[0].ChannelId : null;
            // Due rows read from the store have their channel, async id and legal entity (and changes their account).
            var ids = rows.Select(r => r.AsyncCustomerId!).ToList();
            var existing = rows.Count == 0 ? new Dictionary<string, string>() : sync.ExistingAccounts(ids);
            var later = rows.Count == 0 ? new List<DueCustomerOperation>() : sync.ReadPendingChanges(ids);
            var decisions = new List<SyncStore.CustomerDecision>(rows.Count);
            var failed = 0;
            foreach (var r in rows)
            {
                var folded = later.Where(c => string.Equals(c.AsyncCustomerId, r.AsyncCustomerId, StringComparison.OrdinalIgnoreCase) && c.Counter > r.Counter).ToList();
                foreach (var f in folded) SyncRules.Fold(r, f);
                var error = SyncRules.CheckCustomer(r);
                if (error != null)
                {
                    sync.MarkFailed("customer", r.ChannelId!, r.Counter, error, run.RunId, now);
                    failed++;
                    continue;
                }
                string? account;
                decisions.Add(existing.TryGetValue(r.AsyncCustomerId!, out account)
                    ? new SyncStore.CustomerDecision { Row = r, Folded = folded, AccountNumber = account, IsNew = false }
                    : new SyncStore.CustomerDecision { Row = r, Folded = folded, IsNew = true });
            }
            var fresh = decisions.Where(d => d.IsNew).ToList();
            if (fresh.Count > 0)
            {
                db.Claim(Claims.NumberSequences, wait: true);
                var party = numbers.FirstFreePartyId();
                foreach (var area in fresh.GroupBy(d => d.Row.DataAreaId!, StringComparer.OrdinalIgnoreCase))
                {
                    var accounts = numbers.AllocateAccountNumbers(area.Key, area.Count());
                    var i = 0;
                    foreach (var d in area) d.AccountNumber = accounts[i++];
                }
                foreach (var d in fresh) d.PartyId = party++;
            }
            var linked = decisions.Count > fresh.Count;
            var touchesExisting = rows.Count == 0 || linked;
            if (linked) db.Claim(Claims.HeadquartersCustomers, wait: true);
            var customers = sync.ApplyCustomers(decisions, run.RunId, now);
            if (rows.Count > 0) log?.Invoke("Created " + fresh.Count + " customer accounts, linked " + (decisions.Count - fresh.Count) + " existing, " + (rows.Count - decisions.Count) + " failed.");

            // 2. Edits and deactivations of customers that have an account, in counter order; each sees the ones before it.
            var changes = sync.ReadDueChanges(scope, limit);
            if (lastChannel == null && changes.Count > 0) lastChannel = changes[0].ChannelId;
            if (changes.Count > 0) db.Claim(Claims.HeadquartersCustomers, wait: true);
            var changed = 0;
            foreach (var c in changes)
            {
                var merged = sync.CurrentState(c.DataAreaId!, c.OwnerAccount!);
                var error = merged == null ? SyncRules.NoSuchAccount(c.OwnerAccount, c.DataAreaId) : null;
                if (merged != null)
                {
                    SyncRules.Fold(merged, c);
                    error = SyncRules.CheckCustomer(merged);
                }
                if (error != null)
                {
                    sync.MarkFailed("customer", c.ChannelId!, c.Counter, error, run.RunId, now);
                    failed++;
                    continue;
                }
                sync.ApplyChange(merged!, c, run.RunId, now); // no account (merged null) was an error above
                changed++;
            }
            if (changes.Count > 0) log?.Invoke("Applied " + changed + " of " + changes.Count + " customer edits and deactivations.");

            // 3. Addresses, attributes, contacts and affiliations whose customer HQ can now name: all of those of the customers this
            // chunk created, so HQ (and job 1010) sees each new customer whole; once no creates are left, the others due, a chunk at
            // a time. (Looking for those while creates remain would scan past every child still waiting for its customer, each chunk.)
            var children = 0;
            var childrenApplied = 0;
            CustomerAttributeCatalog? catalog = null; // the attribute definitions, read once per chunk when it has attribute rows
            foreach (var table in SyncStore.Children.Keys)
            {
                var due = rows.Count == 0 ? sync.ReadDueChildren(table, scope, limit)
                    : decisions.Count == 0 ? new List<DueChildOperation>() : sync.ReadDueChildrenOfChunk(table, scope);
                // Children of the accounts this chunk created are its own; others may be another worker's customers too.
                if (due.Count > 0 && touchesExisting) db.Claim(Claims.HeadquartersCustomers, wait: true);
                var ok = new List<DueChildOperation>(due.Count);
                if (table == "attribute" && due.Count > 0) catalog = catalog ?? new AttributeStore(db).Catalog();
                foreach (var c in due)
                {
                    var error = SyncRules.CheckChild(table, c, catalog);
                    if (error == null)
                    {
                        ok.Add(c);
                        var defined = table != "attribute" || catalog == null ? null : AttributeRules.AsDefined(catalog, c.Name, (AttributeDataType)c.Kind, c.Checked);
                        if (defined != null) sync.ConformAttribute(c.ChannelId!, c.Counter, defined);
                    }
                    else
                    {
                        sync.MarkFailed(table, c.ChannelId!, c.Counter, error, run.RunId, now);
                        failed++;
                    }
                }
                sync.ApplyChildren(table, ok, run.RunId, now);
                children += due.Count;
                if (lastChannel == null && due.Count > 0) lastChannel = due[0].ChannelId;
                childrenApplied += ok.Count;
                if (due.Count > 0) log?.Invoke("Applied " + ok.Count + " of " + due.Count + " " + table + " operations.");
            }
            customers += sync.Changes.Write(run.RunId);
            return (rows.Count + changes.Count + children, decisions.Count + changed + childrenApplied, failed, customers);
        }

        /// <summary>What a bulk run over these channels (null: all) would do, without writing (for -WhatIf).</summary>
        public IReadOnlyList<SyncPreview> Preview(string[]? channelIds) => Preview(new SyncScope { ChannelIds = channelIds });

        /// <summary>What a run would do, without writing (for -WhatIf).</summary>
        public IReadOnlyList<SyncPreview> Preview(SyncScope scope)
        {
            var rows = sync.ReadDueCustomers(scope, int.MaxValue);
            var existing = rows.Count == 0 ? new Dictionary<string, string>() : sync.ExistingAccounts(rows.Select(r => r.AsyncCustomerId!)); // read from the store, as below
            var result = new Dictionary<string, SyncPreview>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in rows)
            {
                SyncPreview? p;
                if (!result.TryGetValue(r.ChannelId!, out p)) result[r.ChannelId!] = p = new SyncPreview { ChannelId = r.ChannelId };
                if (SyncRules.CheckCustomer(r) != null) p.WouldFail++;
                else if (existing.ContainsKey(r.AsyncCustomerId!)) p.AlreadyConverted++;
                else p.Create++;
            }
            return result.Values.ToList();
        }
    }
}
