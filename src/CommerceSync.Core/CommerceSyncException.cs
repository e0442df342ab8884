using System;

namespace CommerceSync
{
    /// <summary>What kind of failure an error is, so every host can map it (PowerShell maps it to an ErrorCategory).</summary>
    public enum ErrorKind
    {
        InvalidArgument,
        NotFound,
        AlreadyExists,
        InvalidData,
        InvalidOperation,
        ResourceBusy,
        NotSupported,
        PermissionDenied,
        ConnectionError,
    }

    /// <summary>A failure a user can act on. <see cref="ErrorId"/> is stable: scripts and tests match on it.</summary>
    public class CommerceSyncException : Exception
    {
        public CommerceSyncException(string errorId, ErrorKind kind, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }
        public object? Target { get; }
    }

    /// <summary>The error ids the module writes. Documented in about_CommerceSync.</summary>
    public static class ErrorIds
    {
        public const string ChannelNotFound = "ChannelNotFound";
        public const string ChannelExists = "ChannelExists";
        public const string AsyncCustomerNotFound = "AsyncCustomerNotFound";
        public const string AsyncCustomerExists = "AsyncCustomerExists";
        public const string CustomerNotFound = "CustomerNotFound";
        public const string JobRunNotFound = "JobRunNotFound";
        public const string TransactionNotFound = "TransactionNotFound";
        public const string SalesOrderNotFound = "SalesOrderNotFound";
        public const string LoyaltyCardNotFound = "LoyaltyCardNotFound";
        public const string TransactionExists = "TransactionExists";
        public const string CustomerRequired = "CustomerRequired";
        public const string AddressNotFound = "AddressNotFound";
        public const string StoreNotFound = "StoreNotFound";
        public const string StoreExists = "StoreExists";
        public const string StoreNotSqlite = "StoreNotSqlite";
        public const string StoreNotCommerceSync = "StoreNotCommerceSync";
        public const string StoreReadOnly = "StoreReadOnly";
        public const string StoreBusy = "StoreBusy";
        /// <summary>The disk (or the store's size limit) is full: nothing of the failed write was kept.</summary>
        public const string StoreFull = "StoreFull";
        public const string StoreSchemaTooNew = "StoreSchemaTooNew";
        public const string StorePathIsFolder = "StorePathIsFolder";
        public const string StoreInUse = "StoreInUse";
        public const string StoreMismatch = "StoreMismatch";
        public const string DestinationIsStore = "DestinationIsStore";
        public const string DestinationIsFolder = "DestinationIsFolder";
        public const string ExportFailed = "ExportFailed";
        public const string NativeSqliteMissing = "NativeSqliteMissing";
        public const string InvalidValue = "InvalidValue";
        public const string NameRequired = "NameRequired";
        public const string AttributeTypeNotSupported = "AttributeTypeNotSupported";
        // Customer attribute definitions and the store's customer attribute group (dev-itpro/customer-attributes.md).
        public const string InvalidAttributeDefinition = "InvalidAttributeDefinition";
        public const string AttributeExists = "AttributeExists";
        public const string AttributeGroupNotFound = "AttributeGroupNotFound";
        public const string AttributeNotDefined = "AttributeNotDefined";
        public const string AttributeWrongType = "AttributeWrongType";
        public const string AttributeValueNotAllowed = "AttributeValueNotAllowed";
        public const string AttributeOutOfRange = "AttributeOutOfRange";
        public const string AccountNumberFormatInvalid = "AccountNumberFormatInvalid";
        public const string AddressOwnerRequired = "AddressOwnerRequired";
        public const string ValidationFailed = "ValidationFailed";
        public const string RecordsFailed = "RecordsFailed";
        public const string CommerceSyncUnhealthy = "CommerceSyncUnhealthy";
        public const string NotUploaded = "NotUploaded";
        public const string NotConverted = "NotConverted";
        public const string OrderFailed = "OrderFailed";
        public const string StatementsPending = "StatementsPending";
        public const string TransactionNotValid = "TransactionNotValid";
        public const string OfflineCreationNotAllowed = "OfflineCreationNotAllowed";
        public const string LoyaltyCardNeedsAccount = "LoyaltyCardNeedsAccount";
        /// <summary>Customer order modes (customer-orders-overview.md): a real-time order needs HQ, and a customer and address HQ has.</summary>
        public const string AsyncCustomerNotSynced = "AsyncCustomerNotSynced";
        public const string HeadquartersUnavailable = "HeadquartersUnavailable";
        public const string DistributionScheduleNotFound = "DistributionScheduleNotFound";
        /// <summary>Feature switches (Get-CommerceFeature): something a feature brought while it is off, and the order they are switched in.</summary>
        public const string FeatureDisabled = "FeatureDisabled";
        public const string FeaturePrerequisiteOff = "FeaturePrerequisiteOff";
        public const string FeatureInUse = "FeatureInUse";
        public const string FeatureMandatory = "FeatureMandatory";
        public const string SearchTooShort = "SearchTooShort";
        public const string OperationNotFound = "OperationNotFound";
        public const string ImportFormatInvalid = "ImportFormatInvalid";
        public const string ImportFileUnreadable = "ImportFileUnreadable";
        public const string StoreNotEmpty = "StoreNotEmpty";
        public const string BackupNotSupported = "BackupNotSupported";
        public const string PostgresNotSupported = "PostgresNotSupported";
        public const string StoreUnavailable = "StoreUnavailable";
        public const string NumberSequenceExhausted = "NumberSequenceExhausted";
    }
}
