namespace CommerceSync
{
    /// <summary>One uploaded customer operation (create, update or deactivate) waiting for the sync job.</summary>
    public sealed class DueCustomerOperation
    {
        // Ids may be null: a state to fold into (HQ's current state, a customer's channel view) carries none.
        public string? ChannelId;
        public long Counter;
        public string? AsyncCustomerId;
        /// <summary>The synced customer an update names directly (CustAccount).</summary>
        public string? GivenAccount;
        public AsyncOperation Operation;
        public string? FirstName, MiddleName, LastName, Name, Email, Phone, Currency, CustomerGroup, Language;
        public RelationshipType RelationshipType;
        public ReceiptOption? ReceiptOption;
        public string? ReceiptEmail;
        public string? DataAreaId;
        /// <summary>For updates: the account they apply to, once known.</summary>
        public string? OwnerAccount;

        /// <summary>Deactivated (blocked at HQ): set when an operation 3 is folded in.</summary>
        public bool Blocked;
    }

    /// <summary>One uploaded child operation (address, attribute, contact, affiliation) whose customer HQ can now name.</summary>
    public sealed class DueChildOperation
    {
        public string? ChannelId;
        public long Counter;
        public string? AsyncCustomerId;
        public string? OwnerAccount;
        public bool OwnerExists;
        public string? DataAreaId;
        /// <summary>The field the rules check: country (address), value (attribute), locator (contact).</summary>
        public string? Checked;
        public int Kind;
        /// <summary>The attribute's name (attribute operations only), checked against the store's customer attribute group.</summary>
        public string? Name;
    }
}
