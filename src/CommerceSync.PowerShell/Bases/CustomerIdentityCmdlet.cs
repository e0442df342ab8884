using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// A customer at a channel the way a POS knows it: an async customer by its GUID (parameter set Async), or a synced
    /// customer by account number (parameter set Account). Each binds by property name, so customers pipe in.
    /// </summary>
    public abstract class CustomerIdentityCmdlet : ChannelTargetCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Async", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AsyncCustomerIdCompleter))]
        public string AsyncCustomerId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Account", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AccountNumberCompleter))]
        public string AccountNumber { get; set; }

        /// <summary>The async customer's GUID in the Async set, else null: a piped customer may carry both.</summary>
        protected string GivenAsyncCustomerId => ParameterSetName == "Async" ? AsyncCustomerId : null;

        /// <summary>The account number in the Account set, else null.</summary>
        protected string GivenAccountNumber => ParameterSetName == "Account" ? AccountNumber : null;

        /// <summary>The customer as errors and messages name it.</summary>
        protected string Owner => AsyncCustomerId ?? AccountNumber;
    }
}
