namespace CommerceSync.Rules
{
    /// <summary>
    /// A channel's settings and their defaults: the legal entity USRT, customer group 30 and currency USD, as the demo data's
    /// default customer gives them (design choice; a channel's default customer fills what a POS leaves blank, async-customer-mode.md).
    /// </summary>
    public static class ChannelRules
    {
        public const string DefaultDataAreaId = "USRT";
        public const string DefaultCustomerGroup = "30";
        public const string DefaultCurrency = "USD";

        /// <summary>Checks a new channel and fills its defaults: the name is the id when blank.</summary>
        public static void PrepareNew(Channel channel)
        {
            InputRules.Check(InputRules.CheckId("A channel id", channel.ChannelId, InputRules.MaxChannelIdLength), channel.ChannelId);
            CheckSettings(channel.Name, channel.DataAreaId, channel.DefaultCustomerGroup, channel.DefaultCurrency, channel.Country);
            channel.ChannelId = channel.ChannelId!.Trim(); // CheckId refused a blank id
            channel.Name = string.IsNullOrWhiteSpace(channel.Name) ? channel.ChannelId : channel.Name.Trim();
            channel.DataAreaId = string.IsNullOrWhiteSpace(channel.DataAreaId) ? DefaultDataAreaId : channel.DataAreaId.Trim();
            channel.DefaultCustomerGroup = string.IsNullOrWhiteSpace(channel.DefaultCustomerGroup) ? DefaultCustomerGroup : channel.DefaultCustomerGroup.Trim();
            channel.DefaultCurrency = string.IsNullOrWhiteSpace(channel.DefaultCurrency) ? DefaultCurrency : channel.DefaultCurrency.Trim().ToUpperInvariant();
            channel.Country = Country(channel.Country);
            channel.DatabaseGroup = string.IsNullOrWhiteSpace(channel.DatabaseGroup) ? DistributionRules.DefaultGroup : DistributionRules.PrepareGroup(channel.DatabaseGroup);
        }

        // A country/region code as addresses carry it (USA, DEU): trimmed, in capitals; blank is none.
        private static string? Country(string? country) => string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();

        /// <summary>
        /// Checks the settings a change gives and trims them; null or blank leaves a setting as it is (comes back null).
        /// The currency comes back in capitals.
        /// </summary>
        public static (string? Name, string? CustomerGroup, string? Currency, string? Country) PrepareChange(string? name, string? customerGroup, string? currency,
            string? country = null)
        {
            CheckSettings(name, null, customerGroup, currency, country);
            return (string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                string.IsNullOrWhiteSpace(customerGroup) ? null : customerGroup.Trim(),
                string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant(),
                Country(country));
        }

        /// <summary>The rules of a channel's settings, when given (null or blank means the default).</summary>
        private static void CheckSettings(string? name, string? dataAreaId, string? customerGroup, string? currency, string? country)
        {
            // As long as an address's country may be: every address the channel records without one takes it.
            InputRules.Check(CustomerRules.Length("Country", country?.Trim(), CustomerRules.MaxCountryLength), country);
            InputRules.Check(CustomerRules.Length("Name", name?.Trim(), CustomerRules.MaxNameLength), name);
            if (!string.IsNullOrWhiteSpace(dataAreaId)) InputRules.Check(InputRules.CheckId("DataAreaId", dataAreaId, InputRules.MaxDataAreaIdLength), dataAreaId);
            if (!string.IsNullOrWhiteSpace(customerGroup)) InputRules.Check(InputRules.CheckId("DefaultCustomerGroup", customerGroup, InputRules.MaxCustomerGroupLength), customerGroup);
            // Every customer of the channel takes this currency: one HQ refuses would fail them all at the sync job.
            if (!string.IsNullOrWhiteSpace(currency)) InputRules.Check(InputRules.CheckCurrency("DefaultCurrency", currency), currency);
        }

        public static CommerceSyncException AlreadyExists(string? channelId) =>
            new CommerceSyncException(ErrorIds.ChannelExists, ErrorKind.AlreadyExists, "Channel '" + channelId + "' already exists.", channelId);

        /// <summary>A store's default customer is a customer of its own legal entity (customer-mgmt-stores.md, "Default customer properties").</summary>
        public static CommerceSyncException NoSuchDefaultCustomer(string account, string dataAreaId) =>
            new CommerceSyncException(ErrorIds.CustomerNotFound, ErrorKind.NotFound,
                "Customer '" + account + "' does not exist in legal entity " + dataAreaId + ", so it cannot be the store's default customer.", account);

        public static CommerceSyncException NotFound(string? channelId) =>
            new CommerceSyncException(ErrorIds.ChannelNotFound, ErrorKind.NotFound, "Channel '" + channelId + "' does not exist in this store.", channelId);
    }
}
