# A demo conversion: three stores in async customer mode create a few hundred customers; the P-job,
# "Synchronize customers and channel requests" and job 1010 turn them into HQ customers the stores can see.
param([switch] $UseDefaultStore)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../CommerceSync.psd1') -Force
# Tables print at a readable width even when the output is redirected to a log.
$PSDefaultParameterValues['Out-String:Width'] = 160
function Show { $input | Out-String | Write-Host }

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" -ForegroundColor Cyan }

function Get-ChannelSummary {
    foreach ($channel in Get-CommerceChannel) {
        $async = @(Get-AsyncCustomer -Channel $channel.ChannelId)
        $view = @(Get-CommerceCustomer -Channel $channel.ChannelId)
        [pscustomobject]@{
            Channel            = $channel.ChannelId
            Pending            = @($async | Where-Object Status -eq 'Pending').Count
            Uploaded           = @($async | Where-Object Status -eq 'Uploaded').Count
            Converted          = @($async | Where-Object Status -eq 'Converted').Count
            Distributed        = @($async | Where-Object Status -eq 'Distributed').Count
            Failed             = @($async | Where-Object Status -eq 'Failed').Count
            'Store sees'       = @($view | Where-Object SyncStatus -eq 'Synced').Count
            'Pending sync'     = @($view | Where-Object SyncStatus -eq 'Pending sync').Count
        }
    }
}

if ($UseDefaultStore) {
    Connect-CommerceStore -Default | Out-Null
}
else {
    $folder = Join-Path ([IO.Path]::GetTempPath()) "commercesync-demo-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $folder | Out-Null
    New-CommerceStore -Path (Join-Path $folder 'demo.db') | Connect-CommerceStore | Out-Null
}
$store = Get-CommerceStore
Write-Step "Store: $($store.Path) ($($store.Source))"

Write-Step 'Three stores in async customer mode (S0003 also keeps an offline database)'
$channels = @(
    @{ ChannelId = 'S0001'; Name = 'Seattle'; OfflineDatabase = $false }
    @{ ChannelId = 'S0002'; Name = 'San Francisco'; OfflineDatabase = $false }
    @{ ChannelId = 'S0003'; Name = 'Chicago'; OfflineDatabase = $true }
)
foreach ($c in $channels) {
    if (-not (Get-CommerceChannel -Channel $c.ChannelId -ErrorAction SilentlyContinue)) {
        New-CommerceChannel -ChannelId $c.ChannelId -Name $c.Name -AsyncCustomerMode -OfflineDatabase:$c.OfflineDatabase | Out-Null
    }
}
Get-CommerceChannel | Format-Table | Show

Write-Step 'The stores create 300 customers while HQ cannot be reached in real time (a few with mistakes)'
$first = 'Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Niklaus'
$last = 'Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Wirth'
$cities = 'Seattle', 'Redmond', 'Portland', 'Boise', 'Spokane'
$rows = foreach ($i in 1..300) {
    $channel = $channels[$i % 3].ChannelId
    $fn = $first[$i % 10]; $ln = $last[($i * 7) % 10]
    [pscustomobject]@{
        Channel   = $channel
        FirstName = $fn
        LastName  = $ln
        # Every 61st email is malformed and every 97th has a bad currency: the sync job must refuse those, and only those.
        Email     = if ($i % 61 -eq 0) { "$fn.$ln.example.com" } else { "$fn.$ln.$i@example.com".ToLowerInvariant() }
        Currency  = if ($i % 97 -eq 0) { 'DOLLARS' } else { 'USD' }
        Phone     = '+1 206 555 {0:D4}' -f $i
        Street    = "$i Pike St"
        City      = $cities[$i % 5]
        ZipCode   = '{0:D5}' -f (98000 + $i)
        Country   = 'USA'
    }
}
$created = $rows | ForEach-Object { $_ | New-AsyncCustomer -Attribute @{ LoyaltyTier = ($_.ZipCode % 3); Newsletter = ($_.ZipCode % 2 -eq 0) } }
"{0} async customers created; each has an address and two attributes." -f $created.Count | Show

Write-Step 'Before: per store'
Get-ChannelSummary | Format-Table | Show

Write-Step 'S0001, one line, record by record:  Get-AsyncCustomer -Status Pending -Channel S0001 | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010'
$converted = Get-AsyncCustomer -Status Pending -Channel S0001 | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue -ErrorVariable refused | Invoke-Job1010
"{0} customers converted and distributed; {1} refused:" -f $converted.Count, $refused.Count | Show
$refused | ForEach-Object { "  {0}  {1}" -f $_.FullyQualifiedErrorId.Split(',')[0], $_.Exception.Message } | Show
$converted | Select-Object -First 5 | Format-Table | Show

Write-Step 'S0003 sells before anything converts: 10 customer orders and a day of cash-and-carry, most for its async customers'
$s3 = @(Get-AsyncCustomer -Channel S0003 -Status Pending)
$businessDate = (Get-Date).Date
$sales = @(
    $s3 | Select-Object -First 10 | ForEach-Object {
        New-CommerceTransaction -Channel S0003 -Type CustomerOrder -AsyncCustomerId $_.AsyncCustomerId -DeliveryAddressId $_.Addresses[0].AddressId `
            -Line @{ ItemId = 'SOFA-01'; Quantity = 1; Price = 899 }, @{ ItemId = 'CUSHION'; Quantity = 2; Price = 24.5 } -BusinessDate $businessDate
    }
    $s3 | Select-Object -Skip 10 -First 15 | ForEach-Object { $_ | New-CommerceTransaction -Amount (10 + $_.ReplicationCounter % 90) -BusinessDate $businessDate }
    1..5 | ForEach-Object { New-CommerceTransaction -Channel S0003 -Amount (4.99 * $_) -BusinessDate $businessDate }
)
'{0} transactions recorded at S0003; each keeps the async customer it references.' -f $sales.Count | Show

Write-Step 'Synchronize orders creates the customers the orders reference, then the sales orders:  Invoke-PJob -Channel S0003 | Sync-CommerceOrder'
Invoke-PJob -Channel S0003 | Sync-CommerceOrder -ErrorAction SilentlyContinue | Format-Table | Show
Get-CommerceTransaction -Channel S0003 -Type CustomerOrder | Select-Object -First 3 | Format-Table | Show

Write-Step 'End of day in trickle feed (a new store''s posting): validation syncs the customers the sales reference, anonymous sales go to the default customer:  Invoke-StatementPosting -Channel S0003 -EndOfDay'
# The store's default customer takes the anonymous sales; here the first customer HQ has stands in for a walk-in account.
Set-CommerceChannel -Channel S0003 -DefaultCustomer (Get-CommerceCustomer | Select-Object -First 1).AccountNumber | Out-Null
Invoke-StatementPosting -Channel S0003 -EndOfDay | Format-Table | Show
Get-CommerceSalesOrder -Channel S0003 -Origin Statement | Select-Object -First 3 | Format-Table | Show

Write-Step 'S0002 and S0003 in bulk:  Invoke-PJob -Channel S0002, S0003 | Convert-AsyncCustomer | Invoke-Job1010'
Invoke-PJob -Channel S0002, S0003 | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null
Write-Host 'Job 1010 in bulk also sends the customers that Synchronize orders and statement posting created:'
Invoke-Job1010 | Format-Table | Show
Get-CommerceJobRun | Format-Table | Show

Write-Step 'After: per store'
Get-ChannelSummary | Format-Table | Show

Write-Step 'Reconciliation: Get-CommerceSyncReport, Test-CommerceSync, Find-CommerceDuplicateCustomer'
Get-CommerceSyncReport | Format-Table | Show
Test-CommerceSync -Detailed | Format-Table | Show
'Possible duplicates (same name and postal code, same phone, same email): {0}' -f @(Find-CommerceDuplicateCustomer -MinimumScore 0.6).Count | Show

Write-Step 'What stays to fix: Get-AsyncCustomer -Status Failed'
Get-AsyncCustomer -Status Failed | Format-Table ChannelId, Name, Email, Currency, Error | Show

Write-Step 'One customer, end to end'
$one = Get-AsyncCustomer -Channel S0002 -Status Distributed | Select-Object -First 1
$one | Format-List AsyncCustomerId, ChannelId, Name, Status, AccountNumber | Show
Get-CommerceCustomer -AccountNumber $one.AccountNumber | Format-List | Show
"Store S0002 shows {0}; store S0001 shows {1}; the offline database of S0003 shows {2}." -f `
    (Get-CommerceCustomer -Channel S0002 -AsyncCustomerId $one.AsyncCustomerId).DisplayAccount,
    (Get-CommerceCustomer -Channel S0001 -AccountNumber $one.AccountNumber).DisplayAccount,
    (Get-CommerceCustomer -Channel S0003 -Offline -AccountNumber $one.AccountNumber).DisplayAccount | Show

Write-Step 'Running everything again changes nothing'
@(Invoke-PJob; Convert-AsyncCustomer -ErrorAction SilentlyContinue; Sync-CommerceOrder -ErrorAction SilentlyContinue; Invoke-Job1010) | Format-Table | Show
'Statements posted again: {0}' -f @(Invoke-StatementPosting).Count | Show
