using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Rules;

namespace CommerceSync
{
    /// <summary>Records a sale at a channel: cash-and-carry or a customer order, for a customer by account number or async id.</summary>
    [Cmdlet(VerbsCommon.New, "CommerceTransaction", SupportsShouldProcess = true, DefaultParameterSetName = "Amount")]
    [OutputType(typeof(Transaction))]
    public sealed class NewCommerceTransaction : ChannelTargetCmdlet
    {
        protected override bool TakesRows => true;

        private const int BatchSize = 1000;
        private readonly List<Transaction> batch = new List<Transaction>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TransactionType Type { get; set; } = TransactionType.CashAndCarry;

        /// <summary>The customer's account, when the store knows it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        /// <summary>The async customer (GUID), while the store knows no account for it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        /// <summary>An address of the customer (async or synced) to deliver a customer order to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AddressIdCompleter))]
        public string DeliveryAddressId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Amount", ValueFromPipelineByPropertyName = true)]
        public decimal Amount { get; set; }

        /// <summary>Lines as hashtables with ItemId, Quantity and Price; the amount is their sum.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Lines")]
        public Hashtable[] Line { get; set; }

        /// <summary>Default: today (UTC).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime BusinessDate { get; set; }

        /// <summary>Default: the channel id and the transaction's replication counter.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string TransactionId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            Transaction t = null;
            var ok = TryRecord(() =>
            {
                // Unset means today; a date given is checked even when it is [datetime]::MinValue, which looks unset to the core.
                if (MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate))) InputRules.Check(InputRules.CheckBusinessDate(BusinessDate), BusinessDate);
                t = Session.Transactions.Prepare(new Transaction
                {
                    ChannelId = Channel,
                    Type = Type,
                    AccountNumber = AccountNumber,
                    AsyncCustomerId = AsyncCustomerId,
                    DeliveryAddressId = DeliveryAddressId,
                    Amount = Amount,
                    Lines = Line?.Select(ToLine).ToArray(),
                    BusinessDate = BusinessDate,
                    TransactionId = TransactionId,
                });
                if (t.TransactionId != null && batch.Any(b => b.ChannelId == t.ChannelId && b.TransactionId == t.TransactionId))
                {
                    throw new CommerceSyncException(ErrorIds.TransactionExists, ErrorKind.AlreadyExists, "Transaction '" + t.TransactionId + "' was given twice.", t.TransactionId);
                }
            }, TransactionId ?? Channel);
            if (!ok) return;
            var who = t.AccountNumber ?? t.AsyncCustomerId ?? "no customer";
            if (!ShouldProcess("channel " + t.ChannelId, "Record " + t.Type + " of " + t.Amount.ToString(CultureInfo.InvariantCulture) + " for " + who)) return;
            batch.Add(t);
            if (batch.Count >= BatchSize) Flush();
        }

        protected override void EndCommerceProcessing()
        {
            Flush();
            base.EndCommerceProcessing();
        }

        private void Flush()
        {
            if (batch.Count == 0) return;
            Terminating(() => { Session.Transactions.Add(batch); return 0; });
            WriteVerbose("Recorded " + batch.Count + " transactions.");
            WriteObject(batch, true);
            batch.Clear();
        }

        private static TransactionLine ToLine(Hashtable h)
        {
            var line = new TransactionLine();
            foreach (DictionaryEntry e in h)
            {
                var value = e.Value is PSObject p ? p.BaseObject : e.Value;
                switch (Convert.ToString(e.Key, CultureInfo.InvariantCulture).ToLowerInvariant())
                {
                    case "itemid": case "item": line.ItemId = Convert.ToString(value, CultureInfo.InvariantCulture); break;
                    case "quantity": case "qty": line.Quantity = InputRules.ToNumber("Quantity", value); break;
                    case "price": line.Price = InputRules.ToNumber("Price", value); break;
                    default:
                        throw new CommerceSyncException(ErrorIds.InvalidValue, ErrorKind.InvalidArgument, "Unknown line field '" + e.Key + "'. Use ItemId, Quantity and Price.", e.Key);
                }
            }
            return line;
        }
    }
}
