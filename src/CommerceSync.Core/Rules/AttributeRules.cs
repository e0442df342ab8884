using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CommerceSync.Rules
{
    /// <summary>
    /// Customer attribute definitions and the values they take (dev-itpro/customer-attributes.md). A store with no customer
    /// attribute group takes attributes as free text (their type from the value given), as it did before definitions; once
    /// the store names a group ("After you configure the customer attribute group in the Commerce parameters, POS and
    /// Headquarters automatically show the new attribute"), only the attributes of that group are taken, each as its
    /// definition says. A POS refuses a value outside its definition; HQ fails an operation already in the log with the
    /// reason. Reasons name the attribute and its definition, never the value (it may be personal data).
    /// </summary>
    public static class AttributeRules
    {
        /// <summary>Checks a new definition and returns it in the store's form: trimmed, its allowed values distinct.</summary>
        public static CustomerAttributeDefinition Define(string? name, AttributeDataType dataType, IEnumerable<string?>? allowedValues, decimal? minimum, decimal? maximum, string? group)
        {
            if (string.IsNullOrWhiteSpace(name)) throw Invalid("An attribute needs a name.", name);
            InputRules.Check(InputRules.CheckText("Attribute name", name, CustomerRules.MaxNameLength), name);
            name = name.Trim();
            if (!Enum.IsDefined(typeof(AttributeDataType), dataType))
            {
                throw Invalid("Attribute '" + name + "': the type must be Text, Integer, Decimal or Boolean (datetime and reference types are not supported).", name);
            }
            var values = new List<string>();
            foreach (var v in allowedValues ?? Enumerable.Empty<string?>())
            {
                if (string.IsNullOrWhiteSpace(v)) throw Invalid("Attribute '" + name + "': an allowed value is empty.", name);
                InputRules.Check(InputRules.CheckText("Attribute '" + name + "' allowed value", v, CustomerRules.MaxFieldLength), name);
                if (values.Any(x => string.Equals(x, v.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    throw Invalid("Attribute '" + name + "': the allowed value '" + v.Trim() + "' is given twice.", name);
                }
                values.Add(v.Trim());
            }
            // "The Fixed list check box is available only for the Text attribute type."
            if (values.Count > 0 && dataType != AttributeDataType.Text)
            {
                throw Invalid("Attribute '" + name + "' is " + dataType + ": only a Text attribute takes -AllowedValues (a fixed list). Use -Minimum and -Maximum for a range.", name);
            }
            // "If the attribute type is Decimal or Integer, ..." a value range bounds the numbers it takes.
            if ((minimum.HasValue || maximum.HasValue) && dataType != AttributeDataType.Integer && dataType != AttributeDataType.Decimal)
            {
                throw Invalid("Attribute '" + name + "' is " + dataType + ": only an Integer or Decimal attribute takes -Minimum and -Maximum (a value range).", name);
            }
            if (dataType == AttributeDataType.Integer && (!IsWhole(minimum) || !IsWhole(maximum)))
            {
                throw Invalid("Attribute '" + name + "' is Integer: its -Minimum and -Maximum must be whole numbers.", name);
            }
            if (minimum.HasValue && maximum.HasValue && minimum.Value > maximum.Value)
            {
                throw Invalid("Attribute '" + name + "': -Minimum " + Show(minimum) + " is above -Maximum " + Show(maximum) + ".", name);
            }
            if (group != null)
            {
                if (string.IsNullOrWhiteSpace(group)) group = null;
                else
                {
                    InputRules.Check(InputRules.CheckText("Attribute group", group, CustomerRules.MaxNameLength), group);
                    group = group.Trim();
                }
            }
            return new CustomerAttributeDefinition
            {
                Name = name, DataType = dataType, AllowedValues = values.ToArray(), Minimum = minimum, Maximum = maximum, Group = group,
            };
        }

        /// <summary>The refusal of a definition whose name is taken already.</summary>
        public static CommerceSyncException Exists(string name) =>
            new CommerceSyncException(ErrorIds.AttributeExists, ErrorKind.AlreadyExists,
                "Customer attribute '" + name + "' is defined already. Get-CommerceCustomerAttribute -Name '" + name + "' shows it.", name);

        /// <summary>The answer to a name (no wildcard) that no definition has.</summary>
        public static CommerceSyncException NotFound(string name, string? group) =>
            new CommerceSyncException(ErrorIds.AttributeNotDefined, ErrorKind.NotFound,
                "No customer attribute '" + name + "' is defined" + (group == null ? "" : " in group '" + group + "'") + ". New-CommerceCustomerAttribute defines one.", name);

        /// <summary>The refusal of a customer attribute group that no defined attribute belongs to.</summary>
        public static CommerceSyncException GroupNotFound(string group, IEnumerable<string> groups)
        {
            var known = groups.ToList();
            return new CommerceSyncException(ErrorIds.AttributeGroupNotFound, ErrorKind.NotFound,
                "No customer attribute belongs to group '" + group + "'" + (known.Count == 0 ? " (no group has any)" : " (groups: " + string.Join(", ", known) + ")") +
                ". Define its attributes first: New-CommerceCustomerAttribute -Group '" + group + "'.", group);
        }

        /// <summary>
        /// An attribute as the store takes it: with no customer attribute group, as given (free text); with one, the attribute
        /// of the group it names (in the definition's spelling), its value read as the definition's type and checked against
        /// its allowed values or range. Throws the refusal a POS gives.
        /// </summary>
        public static CustomerAttribute Conform(CustomerAttributeCatalog catalog, CustomerAttribute given)
        {
            if (catalog.Group == null) return given;
            var d = catalog.Find(given.Name);
            if (d == null)
            {
                var names = catalog.Names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
                throw new CommerceSyncException(ErrorIds.AttributeNotDefined, ErrorKind.InvalidArgument,
                    "Attribute '" + given.Name + "' is not in the store's customer attribute group '" + catalog.Group + "'" +
                    (names.Count == 0 ? "" : " (" + string.Join(", ", names) + ")") + ". Define it with New-CommerceCustomerAttribute -Group '" + catalog.Group + "', or leave it out.", given.Name);
            }
            if (given.Value == null) return new CustomerAttribute { Name = d.Name, DataType = d.DataType, Value = null };
            var value = Read(d, given.DataType, given.Value);
            if (d.AllowedValues.Length > 0)
            {
                var allowed = d.AllowedValues.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));
                value = allowed ?? throw new CommerceSyncException(ErrorIds.AttributeValueNotAllowed, ErrorKind.InvalidArgument,
                    "Attribute '" + d.Name + "' takes one of " + string.Join(", ", d.AllowedValues) + "; the value given is not in that list.", d.Name);
            }
            if (d.DataType == AttributeDataType.Integer || d.DataType == AttributeDataType.Decimal)
            {
                var number = decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture); // Read wrote it invariant
                if ((d.Minimum.HasValue && number < d.Minimum.Value) || (d.Maximum.HasValue && number > d.Maximum.Value))
                {
                    throw new CommerceSyncException(ErrorIds.AttributeOutOfRange, ErrorKind.InvalidArgument,
                        "Attribute '" + d.Name + "' takes " + Range(d) + "; the value given is outside it.", d.Name);
                }
            }
            return new CustomerAttribute { Name = d.Name, DataType = d.DataType, Value = value };
        }

        /// <summary>What HQ refuses in an attribute operation already in the log (recorded before its definition, or changed since); null when it can be applied.</summary>
        public static string? CheckAtHeadquarters(CustomerAttributeCatalog catalog, string? name, AttributeDataType dataType, string? value)
        {
            if (catalog.Group == null) return null;
            try
            {
                Conform(catalog, new CustomerAttribute { Name = name, DataType = dataType, Value = value });
                return null;
            }
            catch (CommerceSyncException ex)
            {
                return ex.Message;
            }
        }

        /// <summary>
        /// The attribute HQ applies for an operation <see cref="CheckAtHeadquarters"/> accepted, when its definition reads it
        /// otherwise than it was recorded (free text before the definition: "3" for an integer, "gold" for Gold); null when it
        /// stays as recorded.
        /// </summary>
        public static CustomerAttribute? AsDefined(CustomerAttributeCatalog catalog, string? name, AttributeDataType dataType, string? value)
        {
            if (catalog.Group == null) return null;
            var t = Conform(catalog, new CustomerAttribute { Name = name, DataType = dataType, Value = value });
            return t.Name == name && t.DataType == dataType && t.Value == value ? null : t;
        }

        /// <summary>Which values a definition takes, as a person reads it ("whole numbers from 1 to 5").</summary>
        public static string Range(CustomerAttributeDefinition d)
        {
            var what = d.DataType == AttributeDataType.Integer ? "whole numbers" : "numbers";
            if (d.Minimum.HasValue && d.Maximum.HasValue) return what + " from " + Show(d.Minimum) + " to " + Show(d.Maximum);
            if (d.Minimum.HasValue) return what + " of at least " + Show(d.Minimum);
            if (d.Maximum.HasValue) return what + " of at most " + Show(d.Maximum);
            return what;
        }

        // The value in the definition's type, as invariant text; a value of another type is read where it reads as one
        // (a CSV's "5" for an integer, 5 for a decimal, "True" for a boolean), else refused.
        private static string Read(CustomerAttributeDefinition d, AttributeDataType given, string value)
        {
            switch (d.DataType)
            {
                case AttributeDataType.Integer:
                    long l;
                    decimal whole;
                    if (given != AttributeDataType.Boolean)
                    {
                        if (long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l.ToString(CultureInfo.InvariantCulture);
                        if (decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out whole) && whole == decimal.Truncate(whole) && whole >= long.MinValue && whole <= long.MaxValue)
                        {
                            return ((long)whole).ToString(CultureInfo.InvariantCulture);
                        }
                    }
                    throw WrongType(d);
                case AttributeDataType.Decimal:
                    decimal m;
                    if (given != AttributeDataType.Boolean && decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out m))
                    {
                        return m.ToString(CultureInfo.InvariantCulture);
                    }
                    throw WrongType(d);
                case AttributeDataType.Boolean:
                    if (string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return "true";
                    if (string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return "false";
                    throw WrongType(d);
                default:
                    return value;
            }
        }

        private static CommerceSyncException WrongType(CustomerAttributeDefinition d) =>
            new CommerceSyncException(ErrorIds.AttributeWrongType, ErrorKind.InvalidArgument,
                "Attribute '" + d.Name + "' is " + d.DataType + (d.DataType == AttributeDataType.Boolean ? " (true or false)" : "") + "; the value given does not read as one.", d.Name);

        private static CommerceSyncException Invalid(string message, object? target) =>
            new CommerceSyncException(ErrorIds.InvalidAttributeDefinition, ErrorKind.InvalidArgument, message, target);

        private static bool IsWhole(decimal? d) => !d.HasValue || d.Value == decimal.Truncate(d.Value);

        private static string Show(decimal? d) => d.HasValue ? d.Value.ToString(CultureInfo.InvariantCulture) : "";
    }
}
