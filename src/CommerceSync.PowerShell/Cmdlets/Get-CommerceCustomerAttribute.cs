using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists the customer attribute definitions, by name and attribute group.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceCustomerAttribute")]
    [OutputType(typeof(CustomerAttributeDefinition))]
    public sealed class GetCommerceCustomerAttribute : CommerceCmdlet
    {
        /// <summary>Names or wildcards; default: every attribute.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AttributeNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Only the attributes of this attribute group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AttributeGroupCompleter))]
        public string Group { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var store = Session.CustomerAttributes;
            if (Name == null || Name.Length == 0)
            {
                WriteObject(store.Read(null, Group), true);
                return;
            }
            foreach (var n in Name)
            {
                var found = store.Read(new[] { n }, Group);
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(n))
                {
                    WriteError(ToErrorRecord(Rules.AttributeRules.NotFound(n, Group)));
                }
                WriteObject(found, true);
            }
        }
    }
}
