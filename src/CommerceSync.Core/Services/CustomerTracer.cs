using System;
using System.Collections.Generic;
using System.Linq;
using CommerceSync.Data;

namespace CommerceSync.Services
{
    /// <summary>
    /// "The customer is converted in HQ but not found in POS": walks one customer through the chain (created at its store, uploaded
    /// by the P-job, converted by the sync job, changed at HQ, downloaded by job 1010 to each database of its legal entity) and
    /// names the first step that is missing or failed, with the command that fixes it. The facts come from <see cref="TraceStore"/>.
    /// </summary>
    public sealed class CustomerTracer
    {
        private readonly TraceStore store;

        public CustomerTracer(StoreDatabase db) { store = new TraceStore(db); }

        /// <summary>The trace of an async customer (by its GUID) or of an HQ account; CustomerNotFound / AsyncCustomerNotFound when the store has neither.</summary>
        public CustomerTrace Trace(string? asyncCustomerId, string? accountNumber)
        {
            var steps = new List<CustomerTraceStep>();
            var trace = new CustomerTrace { AsyncCustomerId = asyncCustomerId?.Trim(), AccountNumber = accountNumber?.Trim() };
            var account = store.Account(trace.AsyncCustomerId, trace.AsyncCustomerId == null ? trace.AccountNumber : null);
            if (account.HasValue) trace.AsyncCustomerId = trace.AsyncCustomerId ?? account.Value.AsyncId;
            if (trace.AsyncCustomerId != null)
            {
                var created = store.CreatedAt(trace.AsyncCustomerId);
                if (created == null)
                {
                    if (!account.HasValue) throw new CommerceSyncException(ErrorIds.AsyncCustomerNotFound, ErrorKind.NotFound, "No async customer '" + trace.AsyncCustomerId + "' in this store.", trace.AsyncCustomerId);
                }
                else
                {
                    trace.ChannelId = created.ChannelId;
                    steps.Add(created.Offline
                        ? Step("Created", TraceStepStatus.Missing, created.ChannelId, null, created.At, "In the offline database of " + created.ChannelId + "'s registers: it reaches the channel database when they are back online.",
                            "Set-CommerceChannel -Channel " + created.ChannelId + " -Offline:$false")
                        : Step("Created", TraceStepStatus.Done, created.ChannelId, null, created.At, "Created at " + created.ChannelId + " with no account number yet (Pending sync)."));
                    if (!created.Offline) AddUpload(steps, trace.AsyncCustomerId, created.ChannelId, account.HasValue);
                }
            }
            else if (!account.HasValue)
            {
                throw new CommerceSyncException(ErrorIds.CustomerNotFound, ErrorKind.NotFound, "No customer with account number '" + trace.AccountNumber + "' at HQ.", trace.AccountNumber);
            }
            if (account.HasValue)
            {
                var (area, acc, _, at) = account.Value;
                trace.AccountNumber = acc;
                trace.DataAreaId = area;
                steps.Add(Step("Converted", TraceStepStatus.Done, trace.ChannelId, null, at,
                    trace.AsyncCustomerId != null ? "HQ gave it account " + acc + " (" + area + ")." : "Customer " + acc + " (" + area + ") was created at HQ."));
                var change = store.LastChange(area, acc);
                if (change.HasValue)
                {
                    steps.Add(new CustomerTraceStep { Step = "ChangedAtHeadquarters", Status = TraceStepStatus.Done, RunId = change.Value.RunId, Detail = "Last change #" + change.Value.Seq + " at HQ: what job 1010 sends." });
                    AddDownloads(steps, area, acc, change.Value.Seq);
                }
            }
            trace.Steps = steps.ToArray();
            var stop = steps.FirstOrDefault(s => s.Status == TraceStepStatus.Missing || s.Status == TraceStepStatus.Failed);
            trace.StoppedAt = stop == null ? null : stop.Step + (stop.ChannelId == null || stop.Step == "Created" || stop.Step == "Uploaded" || stop.Step == "Converted" ? "" : " at " + stop.ChannelId + (stop.Database == null ? "" : " (" + stop.Database + " database)"));
            trace.Fix = stop?.Fix;
            return trace;
        }

        /// <summary>Every customer's trace, one at a time (the keys are read first, then each customer).</summary>
        public IEnumerable<CustomerTrace> TraceAll()
        {
            foreach (var (asyncId, account) in store.AllCustomers()) yield return Trace(asyncId, asyncId == null ? account : null);
        }

        private void AddUpload(List<CustomerTraceStep> steps, string asyncId, string channelId, bool converted)
        {
            var up = store.UploadOf(asyncId);
            if (up == null)
            {
                steps.Add(Step("Uploaded", TraceStepStatus.Missing, channelId, null, null, "The P-job has not uploaded it from " + channelId + ".", "Invoke-PJob -Channel " + channelId));
                return;
            }
            var uploaded = Step("Uploaded", TraceStepStatus.Done, channelId, null, up.At, "Uploaded to HQ by P-job run " + up.RunId + ".");
            uploaded.RunId = up.RunId;
            uploaded.SessionId = store.SessionOf(up.RunId, DataSessionType.Upload, channelId, ChannelDatabaseKind.Channel);
            steps.Add(uploaded);
            if (converted) return;
            steps.Add(up.SyncStatus == 2
                ? Step("Converted", TraceStepStatus.Failed, channelId, null, null, "The sync job refused it: " + up.Error,
                    "Get-AsyncCustomerOperation -Channel " + channelId + " -SyncStatus Failed | Set-AsyncCustomerOperation (with the corrected value), then Convert-AsyncCustomer")
                : Step("Converted", TraceStepStatus.Missing, channelId, null, null, "Uploaded; the sync job has not processed it yet.", "Convert-AsyncCustomer -Channel " + channelId));
        }

        private void AddDownloads(List<CustomerTraceStep> steps, string area, string account, long lastChange)
        {
            var groups = store.ScheduledGroups();
            foreach (var d in store.Databases(area, account))
            {
                var step = Step("Downloaded", TraceStepStatus.Done, d.ChannelId, d.Kind, d.At, null);
                if (!d.Scheduled)
                {
                    step.Status = TraceStepStatus.Missing;
                    step.Detail = d.ChannelId + " is in channel database group " + d.Group + ", which job 1010's schedule does not send to (" + string.Join(", ", groups) + ").";
                    step.Fix = "Set-CommerceDistributionSchedule -ScheduleId 1010 -DatabaseGroup " + string.Join(", ", groups.Concat(new[] { d.Group }));
                }
                else if (d.Excluded)
                {
                    step.Status = TraceStepStatus.Skipped;
                    step.Detail = "Job 1010's schedule excludes offline databases" + (d.RunId.HasValue ? " (it holds what it got before)." : ".");
                }
                else if (!d.RunId.HasValue || d.Watermark < lastChange)
                {
                    step.Status = TraceStepStatus.Missing;
                    step.Detail = d.RunId.HasValue ? "It holds an older version: job 1010 has not sent the last change." : "Job 1010 has not sent it there yet.";
                    step.Fix = "Invoke-Job1010 -Channel " + d.ChannelId;
                }
                else
                {
                    step.RunId = d.RunId;
                    step.SessionId = store.SessionOf(d.RunId.Value, DataSessionType.Download, d.ChannelId, d.Kind);
                    step.Detail = "Received by job 1010 run " + d.RunId + ".";
                }
                steps.Add(step);
            }
        }

        private static CustomerTraceStep Step(string name, TraceStepStatus status, string? channelId, ChannelDatabaseKind? database, DateTime? at, string? detail, string? fix = null) =>
            new CustomerTraceStep { Step = name, Status = status, ChannelId = channelId, Database = database, At = at, Detail = detail, Fix = fix };
    }
}
