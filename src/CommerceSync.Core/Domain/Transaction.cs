using System;

namespace CommerceSync
{
    [Persisted]
    public enum TransactionType
    {
        CashAndCarry = 0,
        CustomerOrder = 1,
    }

    /// <summary>Where a sales transaction is: at the channel, uploaded, or done at HQ (sales order or posted statement).</summary>
    [Persisted]
    public enum TransactionStatus
    {
        /// <summary>In the channel database only.</summary>
        Pending = 0,
        /// <summary>At HQ, not yet synchronized (order) or posted (cash-and-carry).</summary>
        Uploaded = 1,
        /// <summary>A customer order that became a sales order ("Success").</summary>
        Synchronized = 2,
        /// <summary>A cash-and-carry sale in a posted statement.</summary>
        Posted = 3,
        /// <summary>HQ could not process it; <c>Error</c> says why.</summary>
        Failed = 4,
    }

    /// <summary>What "Validate store transactions" decided for an uploaded transaction (valid-checker.md).</summary>
    [Persisted]
    public enum ValidationStatus
    {
        /// <summary>Not validated yet.</summary>
        None = 0,
        /// <summary>Passed every validation rule: trickle-feed posting takes it.</summary>
        Successful = 1,
        /// <summary>Held back: <c>ValidationError</c> says why; a later validation run tries it again.</summary>
        Error = 2,
    }

    [Persisted]
    public enum StatementKind
    {
        /// <summary>A legacy end-of-day statement.</summary>
        Legacy = 0,
        /// <summary>A trickle-feed statement of validated sales, posted as often as posting runs.</summary>
        Transactional = 1,
        /// <summary>A trickle-feed end-of-day statement of one store and business day's tenders.</summary>
        Financial = 2,
    }

    /// <summary>Where an HQ sales order came from.</summary>
    [Persisted]
    public enum SalesOrderOrigin
    {
        /// <summary>A customer order, by Synchronize orders.</summary>
        CustomerOrder = 0,
        /// <summary>Cash-and-carry sales of one customer in a posted statement.</summary>
        Statement = 1,
    }

    [Persisted]
    public enum StatementStatus
    {
        Calculated = 0,
        Posted = 1,
        /// <summary>Not posted: a transaction references a customer or address that could not be synchronized.</summary>
        Failed = 2,
    }

    /// <summary>A sale at a channel: cash-and-carry or a customer order, referencing a customer by account number or async id.</summary>
    public sealed class Transaction : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? TransactionId { get; set; }
        public string? ChannelId { get; set; }
        public TransactionType Type { get; set; }
        /// <summary>The customer's account: as given at the POS, or as HQ resolved the async reference.</summary>
        public string? AccountNumber { get; set; }
        /// <summary>The async customer the POS referenced, if it had no account number yet.</summary>
        public string? AsyncCustomerId { get; set; }
        public string? DeliveryAddressId { get; set; }
        public decimal Amount { get; set; }
        public int LineCount { get; set; }
        public DateTime BusinessDate { get; set; }
        public TransactionStatus Status { get; set; }
        public string? SalesId { get; set; }
        public string? StatementId { get; set; }
        public string? Error { get; set; }
        /// <summary>What "Validate store transactions" decided (trickle feed); None until it ran on this transaction.</summary>
        public ValidationStatus ValidationStatus { get; set; }
        public string? ValidationError { get; set; }
        public long ReplicationCounter { get; set; }
        public DateTime CreatedAt { get; set; }
        public TransactionLine[] Lines { get; set; } = Array.Empty<TransactionLine>();

        /// <summary>Set by Prepare for a customer order its channel creates at HQ at once: the account and legal entity of its sales order.</summary>
        internal (string Account, string DataAreaId)? RealTimeOrder;

        public override string? ToString() => TransactionId;
    }

    public sealed class TransactionLine
    {
        public string? ItemId { get; set; }
        public decimal Quantity { get; set; }
        public decimal Price { get; set; }
        public decimal Amount => Quantity * Price;
    }

    /// <summary>Where an HQ sales order is. Every order is created (by Synchronize orders, in real time or by posting); later steps of its life are not modelled yet.</summary>
    public enum SalesOrderStatus
    {
        Created = 0,
    }

    /// <summary>An HQ sales order made from a customer order by "Synchronize orders".</summary>
    public sealed class SalesOrder : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? SalesId { get; set; }
        /// <summary>The same id as <see cref="SalesId"/>, by the name Get-CommerceSalesOrder -SalesOrderId takes.</summary>
        public string? SalesOrderId => SalesId;
        public string? DataAreaId { get; set; }
        /// <summary>The customer order it was made from; empty for a statement's order, which covers several sales.</summary>
        public string? TransactionId { get; set; }
        public SalesOrderOrigin Origin { get; set; }
        /// <summary>The posted statement it was made from (Origin Statement).</summary>
        public string? StatementId { get; set; }
        /// <summary>Whether HQ invoiced it: posting invoices a statement's orders at once.</summary>
        public bool Invoiced { get; set; }
        public string? ChannelId { get; set; }
        public string? AccountNumber { get; set; }
        public string? DeliveryAddressId { get; set; }
        public decimal Amount { get; set; }
        /// <summary>A <see cref="SalesOrderStatus"/> name (text, as it always was): what Get-CommerceSalesOrder -Status filters on.</summary>
        public string Status { get; set; } = nameof(SalesOrderStatus.Created);
        /// <summary>Created at HQ when the channel recorded the order (Synchronous or RealTimeWithAsyncBackup channel), not by a job.</summary>
        public bool CreatedInRealTime { get; set; }
        public DateTime CreatedAt { get; set; }

        public override string? ToString() => SalesId;
    }

    /// <summary>An end-of-day statement of one store and business day.</summary>
    public sealed class Statement : IStoreObject
    {
        /// <summary>The store this came from (path, or connection string without its password); binds to -Store by property name.</summary>
        public string? Store { get; set; }

        public string? StatementId { get; set; }
        public StatementKind Kind { get; set; }
        public string? DataAreaId { get; set; }
        public string? ChannelId { get; set; }
        public DateTime BusinessDate { get; set; }
        public int TransactionCount { get; set; }
        public decimal Total { get; set; }
        public StatementStatus Status { get; set; }
        public string? Error { get; set; }
        public DateTime CalculatedAt { get; set; }
        public DateTime? PostedAt { get; set; }

        public override string? ToString() => StatementId;
    }
}
