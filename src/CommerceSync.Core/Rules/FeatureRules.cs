using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// The feature switches of async customer mode and the order they are switched in. Source: async-customer-mode.md,
    /// "Async customer enhancements" (each feature switch and its Commerce version) and "Feature switch hierarchy" ("before you
    /// enable the Enable editing customers in asynchronous mode feature, you must enable the following features"),
    /// async-customer-mode-faq.md (the same list), customer-mgmt-stores.md (what D365 did before them: "Async customer
    /// records can't be edited unless the customer has been created in Commerce headquarters", "new Async customers don't
    /// inherit affiliations from the default customer"), audit-async-customer-operations.md (the status page).
    /// </summary>
    public static class FeatureRules
    {
        /// <summary>One feature of the catalog, and what the product does while it is off.</summary>
        public sealed class Definition
        {
            internal Definition(FeatureId id, string name, string version, FeatureId[] prerequisites, bool mandatory, string description, string whileOff)
            {
                Id = id; Name = name; Version = version; Prerequisites = prerequisites; Mandatory = mandatory; Description = description; WhileOff = whileOff;
            }

            public FeatureId Id { get; }
            public string Name { get; }
            public string Version { get; }
            public FeatureId[] Prerequisites { get; }
            public bool Mandatory { get; }
            public string Description { get; }
            /// <summary>What D365 did before the feature, said in the refusal.</summary>
            public string WhileOff { get; }
        }

        /// <summary>Every feature the docs name, in the order they came (their Commerce versions): Get-CommerceFeature lists them so.</summary>
        public static IReadOnlyList<Definition> Catalog { get; } = new[]
        {
            // "Ability to create address asynchronously during checkout | 10.0.22 and later | Feature switch: Enable asynchronous
            // creation for customer addresses ... This feature affects both sync customers and async customers."
            new Definition(FeatureId.AsyncAddresses, "Enable asynchronous creation for customer addresses", "10.0.22",
                Array.Empty<FeatureId>(), false,
                "Addresses added at a POS without real-time calls to HQ, identified by an address id, synchronized by the sync job.",
                "Before it, a POS added an address through a real-time call to HQ, not to the channel's async address log."),
            // "Enable parity between synchronous and asynchronous customer creation. | 10.0.24 and later | Feature switch: Enable
            // enhanced async customer creation ... the title, affiliations from the default customer, and secondary contact information"
            new Definition(FeatureId.EnhancedCreation, "Enable enhanced async customer creation", "10.0.24",
                Array.Empty<FeatureId>(), false,
                "Async customers take the title, the default customer's affiliations and secondary contacts (phone, email).",
                "Before it, affiliations could not be associated with async customers and secondary emails and phone numbers could not be captured for them (customer-mgmt-stores.md)."),
            // "Performance improvements for customer orders and customer transactions – This feature has been mandatory since
            // the Commerce version 10.0.28 release." (async-customer-mode.md, "Feature switch hierarchy")
            new Definition(FeatureId.CustomerOrderPerformance, "Performance improvements for customer orders and customer transactions", "10.0.28",
                Array.Empty<FeatureId>(), true,
                "Mandatory since Commerce 10.0.28; a prerequisite of editing customers in asynchronous mode.",
                "It cannot be off."),
            // "Ability to edit customer information asynchronously | 10.0.29 and later | Feature switch: Enable editing customers in
            // asynchronous mode"; its prerequisites: "Feature switch hierarchy".
            new Definition(FeatureId.AsyncEditing, "Enable editing customers in asynchronous mode", "10.0.29",
                new[] { FeatureId.CustomerOrderPerformance, FeatureId.EnhancedCreation, FeatureId.AsyncAddresses }, false,
                "Edits and deactivations at a POS appended to the async log, for async customers too.",
                "Before it, async customer records could not be edited until the customer had been created in HQ and its account number synced back to the channel (customer-mgmt-stores.md); edit it by -AccountNumber once job 1010 has run."),
            // "Ability to audit synchronization of customer management operations | 10.0.31 and later" (no feature switch is
            // named; the docs name no prerequisite, so it has none here).
            new Definition(FeatureId.SyncStatusPage, "Customer synchronization status", "10.0.31",
                Array.Empty<FeatureId>(), false,
                "The Customer synchronization status page: every operation with its status and last known error, editable and synchronized again.",
                "Before it, HQ had no page that lists the operations or corrects a failed one."),
        };

        public static Definition Of(FeatureId id) => Catalog.First(d => d.Id == id);

        /// <summary>A feature may be turned on only when every prerequisite is on (async-customer-mode.md, "Feature switch hierarchy").</summary>
        public static void CheckEnable(FeatureId id, FeatureStates states)
        {
            var d = Of(id);
            var missing = d.Prerequisites.Where(p => !states.IsOn(p)).ToArray();
            if (missing.Length == 0) return;
            throw new CommerceSyncException(ErrorIds.FeaturePrerequisiteOff, ErrorKind.InvalidOperation,
                "'" + d.Name + "' needs " + Names(missing) + " on first (async-customer-mode.md, \"Feature switch hierarchy\"). Turn on "
                + string.Join(", ", missing.Select(m => m.ToString())) + " with Enable-CommerceFeature, then this one.", id);
        }

        /// <summary>
        /// A feature may be turned off only when no feature that needs it is on (the same hierarchy, the other way), and never
        /// when it is mandatory.
        /// </summary>
        public static void CheckDisable(FeatureId id, FeatureStates states)
        {
            var d = Of(id);
            if (d.Mandatory)
            {
                throw new CommerceSyncException(ErrorIds.FeatureMandatory, ErrorKind.InvalidOperation,
                    "'" + d.Name + "' has been mandatory since Commerce " + d.Version + ": it cannot be turned off.", id);
            }
            var users = Catalog.Where(u => u.Prerequisites.Contains(id) && states.IsOn(u.Id)).ToArray();
            if (users.Length == 0) return;
            throw new CommerceSyncException(ErrorIds.FeatureInUse, ErrorKind.InvalidOperation,
                "'" + d.Name + "' cannot be turned off while " + Names(users.Select(u => u.Id)) + " is on: it needs this one. Turn off "
                + string.Join(", ", users.Select(u => u.Id.ToString())) + " with Disable-CommerceFeature first.", id);
        }

        /// <summary>The refusal of something a feature brought while it is off: names the feature, what D365 did before it, and how to turn it on.</summary>
        /// <param name="whileOff">What D365 did before the feature, for this action; null: the feature's own words.</param>
        public static CommerceSyncException Disabled(FeatureId id, object? target = null, string? whileOff = null)
        {
            var d = Of(id);
            return new CommerceSyncException(ErrorIds.FeatureDisabled, ErrorKind.InvalidOperation,
                "The feature '" + d.Name + "' (Commerce " + d.Version + ") is off in this store. " + (whileOff ?? d.WhileOff)
                + " Turn it on with Enable-CommerceFeature " + id + ".", target ?? id);
        }

        /// <summary>Refuses when the feature is off.</summary>
        public static void Require(FeatureId id, FeatureStates states, object? target = null, string? whileOff = null)
        {
            if (!states.IsOn(id)) throw Disabled(id, target, whileOff);
        }

        /// <summary>What D365 did before the features an address edit needs: the POS edits an address only through HQ.</summary>
        public const string AddressChangesWhileOff =
            "Without it a POS cannot edit or deactivate an address asynchronously, for async and synced customers alike: \"To edit addresses asynchronously in addition to creating them asynchronously, you must enable the Editing customers in asynchronous mode feature\" (async-customer-mode.md).";

        /// <summary>
        /// The feature an edit or a deactivation at a POS needs: one of a customer still pending sync (named by its async id)
        /// needs editing in asynchronous mode; one of a synced customer (named by account) needs none.
        /// </summary>
        public static FeatureId? NeededToChange(AsyncCustomerChange change) =>
            string.IsNullOrWhiteSpace(change.AsyncCustomerId) ? (FeatureId?)null : FeatureId.AsyncEditing;

        /// <summary>An address added at a POS after the customer was created, to an async or a synced customer: "This feature affects both sync customers and async customers."</summary>
        public static FeatureId NeededToAddAddress => FeatureId.AsyncAddresses;

        /// <summary>
        /// What editing or taking away an address at a POS needs (Set-/Disable-AsyncCustomerAddress): "To edit addresses
        /// asynchronously in addition to creating them asynchronously, you must enable the Editing customers in asynchronous
        /// mode feature" (async-customer-mode.md), which itself needs asynchronous address creation.
        /// </summary>
        public static FeatureId[] NeededToChangeAddress { get; } = { FeatureId.AsyncAddresses, FeatureId.AsyncEditing };

        /// <summary>
        /// Whether a new customer takes its store's default customer's affiliations: one created in real time at HQ always
        /// does; an async one only with enhanced async customer creation on.
        /// </summary>
        public static bool InheritsAffiliations(FeatureStates states, bool realTime = false) => realTime || states.IsOn(FeatureId.EnhancedCreation);

        /// <summary>The feature as a store has it.</summary>
        public static CommerceFeature Describe(Definition d, FeatureStates states) => new CommerceFeature
        {
            FeatureId = d.Id, Name = d.Name, Version = d.Version, Prerequisites = d.Prerequisites, Enabled = states.IsOn(d.Id),
            Mandatory = d.Mandatory, Description = d.Description,
        };

        private static string Names(IEnumerable<FeatureId> ids) => string.Join(", ", ids.Select(i => "'" + Of(i).Name + "'"));
    }
}
