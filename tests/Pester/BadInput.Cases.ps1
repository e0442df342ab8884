# What users really send, and what CommerceSync answers. Each case runs against a fresh store ($StorePath) holding
# channel S0001 (async mode) and one async customer $c; a case with an error id must change nothing unless it says so.
# build.ps1 Docs turns this list into docs/reliability.md, and BadInput.Tests.ps1 checks that the page is current.
@(
    @{ Case = 'Channel id that is empty'; Script = { New-CommerceChannel -ChannelId '' }; ErrorId = 'ParameterArgumentValidationError,CommerceSync.NewCommerceChannel' }
    @{ Case = 'Channel id of 10,000 characters'; Script = { New-CommerceChannel -ChannelId ('S' * 10000) }; ErrorId = 'InvalidValue,CommerceSync.NewCommerceChannel' }
    @{ Case = 'Channel that exists already (other case)'; Script = { New-CommerceChannel -ChannelId 's0001' }; ErrorId = 'ChannelExists,CommerceSync.NewCommerceChannel' }
    @{ Case = 'Unknown channel'; Script = { New-AsyncCustomer -Channel NOPE -FirstName A }; ErrorId = 'ChannelNotFound,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Names that are only whitespace'; Script = { New-AsyncCustomer -Channel S0001 -FirstName '   ' -LastName "`t" }; ErrorId = 'NameRequired,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'First name of 10,000 characters'; Script = { New-AsyncCustomer -Channel S0001 -FirstName ('x' * 10000) }; ErrorId = 'InvalidValue,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Email of 10,000 characters'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -Email (('x' * 9990) + '@example.com') }; ErrorId = 'InvalidValue,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Async customer id that is not a GUID'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -AsyncCustomerId 'abc' }; ErrorId = 'InvalidValue,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Async customer id that exists already'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -AsyncCustomerId $c.AsyncCustomerId }; ErrorId = 'AsyncCustomerExists,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'The same new id twice in one pipeline'; Script = { $g = [guid]::NewGuid(); @([pscustomobject]@{ FirstName = 'A'; AsyncCustomerId = $g }, [pscustomobject]@{ FirstName = 'B'; AsyncCustomerId = $g }) | New-AsyncCustomer -Channel S0001 }; ErrorId = 'AsyncCustomerExists,CommerceSync.NewAsyncCustomer'; ChangesStore = $true }
    @{ Case = 'Attribute that is a date'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -Attribute @{ Birthday = Get-Date } }; ErrorId = 'AttributeTypeNotSupported,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Attribute that is an object (reference)'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -Attribute @{ Ref = [pscustomobject]@{ Id = 1 } } }; ErrorId = 'AttributeTypeNotSupported,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'Address with an unknown field'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -Address @{ Stret = 'typo' } }; ErrorId = 'InvalidValue,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'CSV row without the Channel column'; Script = { 'FirstName,LastName', 'Ann,Lee' | ConvertFrom-Csv | New-AsyncCustomer }; ErrorId = 'InputObjectMissingMandatory,CommerceSync.NewAsyncCustomer' }
    @{ Case = 'CSV row with extra columns'; Script = { 'Channel,FirstName,Shoe,Hat', 'S0001,Ann,42,red' | ConvertFrom-Csv | New-AsyncCustomer }; ErrorId = $null; ChangesStore = $true }
    @{ Case = 'SQL injection in a name'; Script = { New-AsyncCustomer -Channel S0001 -FirstName "Robert'); DROP TABLE cust_table;--" -LastName "' OR 1=1 --" }; ErrorId = $null; ChangesStore = $true }
    @{ Case = 'Odd Unicode (accents, CJK, emoji, right-to-left)'; Script = { New-AsyncCustomer -Channel S0001 -FirstName 'Zoë 李 🙂' -LastName 'שלום' }; ErrorId = $null; ChangesStore = $true }
    @{ Case = 'Invalid email (accepted at the POS, refused by the sync job)'; Script = { New-AsyncCustomer -Channel S0001 -FirstName A -Email 'not-an-email' | Invoke-PJob | Convert-AsyncCustomer }; ErrorId = 'ValidationFailed,CommerceSync.ConvertAsyncCustomer'; ChangesStore = $true }
    @{ Case = 'Edit with nothing to change'; Script = { Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId }; ErrorId = 'InvalidValue,CommerceSync.SetAsyncCustomer' }
    @{ Case = 'Negative amount'; Script = { New-CommerceTransaction -Channel S0001 -Amount -10 }; ErrorId = 'InvalidValue,CommerceSync.NewCommerceTransaction' }
    @{ Case = 'Zero amount'; Script = { New-CommerceTransaction -Channel S0001 -Amount 0 }; ErrorId = 'InvalidValue,CommerceSync.NewCommerceTransaction' }
    @{ Case = 'Customer order without a customer'; Script = { New-CommerceTransaction -Channel S0001 -Type CustomerOrder -Amount 5 }; ErrorId = 'CustomerRequired,CommerceSync.NewCommerceTransaction' }
    @{ Case = 'Sale for an unknown async customer'; Script = { New-CommerceTransaction -Channel S0001 -AsyncCustomerId ([guid]::NewGuid()) -Amount 5 }; ErrorId = 'AsyncCustomerNotFound,CommerceSync.NewCommerceTransaction' }
    @{ Case = 'Unknown async customer id to convert'; Script = { Convert-AsyncCustomer -AsyncCustomerId ([guid]::NewGuid()) }; ErrorId = 'AsyncCustomerNotFound,CommerceSync.ConvertAsyncCustomer' }
    @{ Case = 'Unknown job run id'; Script = { Get-CommerceJobRun -RunId 424242 }; ErrorId = 'JobRunNotFound,CommerceSync.GetCommerceJobRun' }
    @{ Case = 'Account number format without digits'; Script = { New-CommerceStore -Path (Join-Path $TestDrive 'fmt.db') -AccountNumberFormat 'CUST' }; ErrorId = 'AccountNumberFormatInvalid,CommerceSync.NewCommerceStore' }
    @{ Case = 'Search across all stores with 3 characters'; Script = { Find-CommerceCustomer -AllStores 'abc' }; ErrorId = 'SearchTooShort,CommerceSync.FindCommerceCustomer' }
    @{ Case = 'Store path that is a folder'; Script = { Get-CommerceStore -Store $TestDrive }; ErrorId = 'StorePathIsFolder,CommerceSync.GetCommerceStore' }
    @{ Case = 'Store file that is not SQLite'; Script = { $f = Join-Path $TestDrive 'text.db'; Set-Content $f ('not a database ' * 300); Get-CommerceStore -Store $f }; ErrorId = 'StoreNotSqlite,CommerceSync.GetCommerceStore' }
    @{ Case = 'Store file cut short (truncated copy)'; Script = { $f = Join-Path $TestDrive 'cut.db'; [IO.File]::WriteAllBytes($f, [IO.File]::ReadAllBytes($StorePath)[0..2047]); Get-CommerceChannel -Store $f }; ErrorId = 'StoreNotSqlite,CommerceSync.GetCommerceChannel' }
    @{ Case = 'Another application''s SQLite database'; Script = { Backup-CommerceStore -Destination (Join-Path $TestDrive 'other.db'); $o = Join-Path $TestDrive 'other.db'; Get-CommerceStore -Store $o | Out-Null; & { $a = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }; $x = [Activator]::CreateInstance($a.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @("Data Source=$o")); $x.Open(); $k = $x.CreateCommand(); $k.CommandText = 'DROP TABLE schema_version'; [void]$k.ExecuteNonQuery(); $x.Close() }; Get-CommerceChannel -Store $o }; ErrorId = 'StoreNotCommerceSync,CommerceSync.GetCommerceChannel' }
    @{ Case = 'Empty file given as a store'; Script = { $f = Join-Path $TestDrive 'empty.db'; Set-Content $f -Value $null -NoNewline; Get-CommerceChannel -Store $f }; ErrorId = 'StoreNotSqlite,CommerceSync.GetCommerceChannel' }
    @{ Case = 'Store file that does not exist'; Script = { Get-CommerceChannel -Store (Join-Path $TestDrive 'missing.db') }; ErrorId = 'StoreNotFound,CommerceSync.GetCommerceChannel' }
    @{ Case = 'Backup onto an existing file'; Script = { Backup-CommerceStore -Destination $StorePath }; ErrorId = 'StoreExists,CommerceSync.BackupCommerceStore' }
    )
