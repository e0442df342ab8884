# Reliability harness: kills jobs with SIGKILL at random points and runs jobs from several processes at once, while a
# foreign SQLite client reads the store and another CommerceSync process creates and opens other stores next to it,
# then checks the result as an independent oracle: raw SQL through the sqlite3 CLI (or psql), not the product's cmdlets,
# and a content fingerprint compared with the same seed run without kills. `./build.ps1 Stress` runs it at full size;
# the Pester suite runs it small. Returns one summary object: kills (per job, and how many landed inside a recorded run),
# concurrent runs, foreign reads, other stores created, what the oracle found broken, and records lost (must be 0).
[CmdletBinding()]
param(
    [ValidateSet('Crash', 'Concurrency', 'Busy')]
    [string] $Mode = 'Crash',
    [int] $Rounds = 4,
    # Crash: kills of each job per round, at random points, before the rerun that finishes it.
    [int] $KillsPerJob = 1,
    [int] $CustomersPerRound = 400,
    [int[]] $Workers = @(2, 4),
    # Rows per chunk of the jobs; 0: the jobs' own default, as a runbook runs them.
    [int] $ChunkSize = 0,
    [int] $Seed = 7,
    [string] $Folder = (Join-Path ([IO.Path]::GetTempPath()) "commercesync-stress-$PID"),
    # TrickleFeed (what a new store posts): validation holds a refused customer's sale alone. Legacy: its day's statement waits.
    [ValidateSet('TrickleFeed', 'Legacy')]
    [string] $StatementPostingMode = 'TrickleFeed',
    # A store on PostgreSQL instead of a file: Host=...;Search Path=<a schema of its own> (replaced if it holds a store).
    [string] $ConnectionString,
    # Without the foreign reader and the second CommerceSync process (the store's process must keep its locks for them).
    [switch] $NoCompanions
)

$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path (Join-Path $PSScriptRoot '../CommerceSync.psd1')).Path
Import-Module $manifest -Force
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
New-Item -ItemType Directory -Path $Folder -Force | Out-Null
$store = if ($ConnectionString) { $ConnectionString } else { Join-Path $Folder "stress-$Mode.db" }
# The work's randomness and the kills' are apart, so the same seed without kills makes the same work (the reference run).
$rng = [Random]::new($Seed)
$killRng = [Random]::new($Seed * 7919 + 1)
$chunk = if ($ChunkSize -gt 0) { " -ChunkSize $ChunkSize" } else { '' }
# A round has a twentieth as many orders and sales as customers: in chunks of a fifth the size, Synchronize orders and validation
# have several chunks to be killed between too.
$saleChunk = if ($ChunkSize -gt 0) { " -ChunkSize $([Math]::Max(1, [int]($ChunkSize / 5)))" } else { '' }

# The jobs every round exercises, each as a child process runs it.
$jobs = [ordered]@{
    'P-job'     = "Invoke-PJob$chunk"
    'Sync'      = "Convert-AsyncCustomer$chunk -ErrorAction SilentlyContinue"
    'Orders'    = "Sync-CommerceOrder$saleChunk -ErrorAction SilentlyContinue"
    'Validation' = "Invoke-CommerceTransactionValidation$saleChunk -ErrorAction SilentlyContinue"
    'Statement' = 'Invoke-StatementPosting -EndOfDay -WarningAction SilentlyContinue'
    '1010'      = "Invoke-Job1010$chunk"
}

# Their names in the job history.
$jobNames = @{ 'P-job' = 'P-job'; 'Sync' = 'Synchronize customers and channel requests'; 'Orders' = 'Synchronize orders'; 'Validation' = 'Validate store transactions'; 'Statement' = 'Statement posting'; '1010' = '1010' }

function New-StressStore([string] $At = $store) {
    if ($ConnectionString) { New-CommerceStore -ConnectionString $At -Force | Out-Null } else { New-CommerceStore -Path $At -Force | Out-Null }
    Set-CommerceStore -StatementPostingMode $StatementPostingMode -Store $At
    foreach ($ch in 'S0001', 'S0002', 'S0003') { New-CommerceChannel -ChannelId $ch -AsyncCustomerMode -OfflineDatabase:($ch -eq 'S0003') -Store $At | Out-Null }
}

# Customers (a few invalid), their edits, and sales that reference some of them.
function Add-Work([int] $Count, [int] $Round, [string] $store = $script:store) {
    $channels = 'S0001', 'S0002', 'S0003'
    $rows = foreach ($i in 1..$Count) {
        [pscustomobject]@{
            Channel = $channels[$i % 3]; FirstName = "R$Round"; LastName = "C$i"
            Email = if ($i % 97 -eq 0) { 'broken' } else { "r$Round.c$i@example.com" }
            Street = "$i Main St"; City = 'Town'; Country = 'USA'
        }
    }
    $created = @($rows | New-AsyncCustomer -Store $store -Attribute @{ Round = $Round })
    $created | Select-Object -First ([Math]::Max(1, $Count / 10)) | ForEach-Object {
        Set-AsyncCustomer -Channel $_.ChannelId -AsyncCustomerId $_.AsyncCustomerId -Phone "+1 555 $($rng.Next(1000, 9999))" -Store $store
    }
    $created | Select-Object -Skip 5 -First ([Math]::Max(1, $Count / 20)) | ForEach-Object {
        $_ | New-CommerceTransaction -Store $store -Type CustomerOrder -Amount ($rng.Next(5, 500)) | Out-Null
        $_ | New-CommerceTransaction -Store $store -Amount ($rng.Next(1, 50)) -BusinessDate ([datetime]'2026-11-01').AddDays($Round) | Out-Null
    }
    # A sale for a customer HQ will refuse: its store day's statement is not posted, and its sales wait for it.
    $created | Where-Object Email -eq 'broken' | Select-Object -First 1 | ForEach-Object {
        $_ | New-CommerceTransaction -Store $store -Amount 7 -BusinessDate ([datetime]'2026-11-01').AddDays($Round) | Out-Null
    }
}

function Start-Job([string] $Command, [hashtable] $Environment = @{}) {
    # The child writes 'started', then a line per verbose message (the jobs say what each chunk did), then 'finished'.
    $script = Join-Path $Folder "job-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Connect-CommerceStore '$store' | Out-Null
[Console]::Out.WriteLine('started'); [Console]::Out.Flush()
`$VerbosePreference = 'Continue'
& {
$Command
} 4>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { [Console]::Out.WriteLine('verbose ' + `$_.Message); [Console]::Out.Flush() } }
[Console]::Out.WriteLine('finished')
"@
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh, "-NoProfile -NonInteractive -File `"$script`"")
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($k in $Environment.Keys) { $info.Environment[$k] = $Environment[$k] }
    [Diagnostics.Process]::Start($info)
}

function Wait-Job([Diagnostics.Process] $Process) {
    # Read line by line: how long the run took after it was recorded ('run N started.') is where random-time kills land.
    $err = $Process.StandardError.ReadToEndAsync()
    $clock = [Diagnostics.Stopwatch]::StartNew(); $startedAt = $null
    $lines = [Collections.Generic.List[string]]::new()
    while ($null -ne ($line = $Process.StandardOutput.ReadLine())) {
        if ($null -eq $startedAt -and $line -match '^verbose .* run \d+ started\.$') { $startedAt = $clock.Elapsed.TotalMilliseconds }
        $lines.Add($line)
    }
    $Process.WaitForExit()
    $ran = if ($null -ne $startedAt) { $clock.Elapsed.TotalMilliseconds - $startedAt } else { 0 }
    [pscustomobject]@{ ExitCode = $Process.ExitCode; Out = $lines -join "`n"; Err = $err.Result; Milliseconds = $ran }
}

# While a job's process runs, this file exists: the foreign reader counts the reads that met a running job.
$jobsRunning = Join-Path $Folder 'jobs-running'
function Set-JobsRunning([bool] $On) {
    if ($On) { New-Item -ItemType File -Path $jobsRunning -Force | Out-Null } else { Remove-Item -LiteralPath $jobsRunning -Force -ErrorAction SilentlyContinue }
}

# --- The oracle: raw SQL through the engine's own command-line client, not through CommerceSync.
$sqlite3 = (Get-Command sqlite3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$psql = (Get-Command psql -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
if (-not $ConnectionString -and -not $sqlite3) { throw 'The stress harness reads the store with the sqlite3 command-line client: install it (Debian/Ubuntu: apt-get install sqlite3).' }
if ($ConnectionString -and -not $psql) { throw 'The stress harness reads a PostgreSQL store with psql: install it (Debian/Ubuntu: apt-get install postgresql-client).' }

function Get-PsqlArguments([string] $At) {
    # set_/get_: PowerShell reads .ConnectionString of a dictionary as one of its keys.
    $b = [Data.Common.DbConnectionStringBuilder]::new(); $b.set_ConnectionString($At)
    $get = { param($k) if ($b.ContainsKey($k)) { "$($b[$k])" } }
    $a = @('-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1')
    if (& $get 'Host') { $a += '-h', (& $get 'Host') }
    if (& $get 'Port') { $a += '-p', (& $get 'Port') }
    $user = & $get 'Username'; if (-not $user) { $user = & $get 'User ID' }; if ($user) { $a += '-U', $user }
    if (& $get 'Database') { $a += '-d', (& $get 'Database') }
    @{ Arguments = $a; SearchPath = (& $get 'Search Path'); Password = (& $get 'Password') }
}

function Invoke-RawSql([string] $Sql, [string] $At = $store) {
    # One query; its rows as lines, columns separated by '|'.
    if ($ConnectionString) {
        $p = Get-PsqlArguments $At
        $saved = $env:PGOPTIONS, $env:PGPASSWORD
        try {
            if ($p.SearchPath) { $env:PGOPTIONS = "-c search_path=$($p.SearchPath),public" }
            if ($p.Password) { $env:PGPASSWORD = $p.Password }
            $out = & $psql @($p.Arguments) -F '|' -c $Sql 2>&1
        }
        finally { $env:PGOPTIONS, $env:PGPASSWORD = $saved }
    }
    else {
        $out = & $sqlite3 -batch -bail -cmd '.timeout 10000' $At $Sql 2>&1
    }
    if ($LASTEXITCODE -ne 0) { throw "Raw SQL on the store failed ($LASTEXITCODE): $($out -join ' ') -- $Sql" }
    @($out | ForEach-Object { "$_" })
}

function Get-RawCount([string] $Sql, [string] $At = $store) { [long](Invoke-RawSql $Sql $At | Select-Object -First 1) }

# Each: what must be 0 in a store every job has finished, whatever was killed or ran at once.
$oracle = [ordered]@{
    # Numbers 1..N, each once, N = the sequence's next value - 1: nothing issued twice, nothing skipped.
    AccountGaps = @'
SELECT COUNT(*) FROM number_sequence n WHERE n.code = 'Customer' AND (
  (SELECT COUNT(*) FROM cust_table c WHERE c.data_area_id = n.data_area_id) <> n.next_value - 1
  OR (SELECT COUNT(DISTINCT c.account_number) FROM cust_table c WHERE c.data_area_id = n.data_area_id) <> n.next_value - 1
  OR (SELECT MAX(CAST(substr(c.account_number, CAST(length(n.prefix) + 1 AS INTEGER)) AS BIGINT)) FROM cust_table c WHERE c.data_area_id = n.data_area_id) <> n.next_value - 1
  OR (SELECT MIN(CAST(substr(c.account_number, CAST(length(n.prefix) + 1 AS INTEGER)) AS BIGINT)) FROM cust_table c WHERE c.data_area_id = n.data_area_id) <> 1)
'@
    # Every async create HQ accepted has exactly one account linked to its GUID; one it refused has none.
    NotExactlyOneAccount = @'
SELECT COUNT(*) FROM hq_async_customer h
LEFT JOIN (SELECT cust_account_async, COUNT(*) AS n FROM retail_cust_table WHERE cust_account_async IS NOT NULL GROUP BY cust_account_async) r
  ON r.cust_account_async = h.async_customer_id
WHERE h.operation = 1 AND ((h.sync_status <> 2 AND COALESCE(r.n, 0) <> 1) OR (h.sync_status = 2 AND COALESCE(r.n, 0) <> 0))
'@
    # The harness gives every customer its own email: one person, one account, and once per channel database.
    DuplicateAccounts = @'
SELECT (SELECT COUNT(*) - COUNT(DISTINCT lower(email)) FROM cust_table WHERE email IS NOT NULL)
     + (SELECT COUNT(*) FROM (SELECT channel_id, database, async_customer_id FROM channel_customer WHERE async_customer_id IS NOT NULL
                              GROUP BY channel_id, database, async_customer_id HAVING COUNT(*) > 1) d)
'@
    # Every channel database (and offline database) holds every customer of its legal entity, as HQ has it.
    ChannelDatabasesIncomplete = @'
SELECT COUNT(*) FROM channel ch
JOIN (SELECT 0 AS db UNION ALL SELECT 1 AS db) d ON d.db = 0 OR ch.offline_database = 1
JOIN cust_table c ON c.data_area_id = ch.data_area_id
LEFT JOIN channel_customer cc ON cc.channel_id = ch.channel_id AND cc.database = d.db AND cc.account_number = c.account_number
WHERE cc.account_number IS NULL OR cc.name IS DISTINCT FROM c.name OR cc.email IS DISTINCT FROM c.email OR cc.phone IS DISTINCT FROM c.phone
'@
    # Trickle feed: every sale a transactional statement posted is in exactly one invoiced sales order of that statement,
    # and each such order is the sum of its sales (one per customer per statement, nothing posted twice).
    StatementOrdersWrong = @'
SELECT (SELECT COUNT(*) FROM hq_transaction t JOIN statement st ON st.statement_id = t.statement_id AND st.kind = 1
        WHERE t.type = 0 AND t.status = 1 AND NOT EXISTS (SELECT 1 FROM sales_order s WHERE s.sales_id = t.sales_id AND s.statement_id = t.statement_id AND s.origin = 1 AND s.invoiced = 1))
     + (SELECT COUNT(*) FROM sales_order s WHERE s.origin = 1
        AND s.amount_minor <> (SELECT COALESCE(SUM(t.amount_minor), 0) FROM hq_transaction t WHERE t.sales_id = s.sales_id AND t.statement_id = s.statement_id))
'@
    # Channel rows HQ never received.
    NotUploaded = @'
SELECT (SELECT COUNT(*) FROM ch_async_customer c LEFT JOIN hq_async_customer h ON h.channel_id = c.channel_id AND h.counter = c.counter WHERE h.counter IS NULL)
     + (SELECT COUNT(*) FROM ch_async_address c LEFT JOIN hq_async_address h ON h.channel_id = c.channel_id AND h.counter = c.counter WHERE h.counter IS NULL)
     + (SELECT COUNT(*) FROM ch_async_attribute c LEFT JOIN hq_async_attribute h ON h.channel_id = c.channel_id AND h.counter = c.counter WHERE h.counter IS NULL)
     + (SELECT COUNT(*) FROM ch_transaction c LEFT JOIN hq_transaction h ON h.channel_id = c.channel_id AND h.counter = c.counter WHERE h.counter IS NULL)
'@
    # Rows that point at nothing.
    Orphans = @'
SELECT (SELECT COUNT(*) FROM cust_table c LEFT JOIN party p ON p.party_id = c.party_id WHERE p.party_id IS NULL)
     + (SELECT COUNT(*) FROM cust_table c LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number WHERE r.account_number IS NULL)
     + (SELECT COUNT(*) FROM retail_cust_table r LEFT JOIN cust_table c ON c.data_area_id = r.data_area_id AND c.account_number = r.account_number WHERE c.account_number IS NULL)
     + (SELECT COUNT(*) FROM retail_cust_table r LEFT JOIN hq_async_customer h ON h.async_customer_id = r.cust_account_async AND h.operation = 1 WHERE r.cust_account_async IS NOT NULL AND h.counter IS NULL)
     + (SELECT COUNT(*) FROM hq_address a LEFT JOIN cust_table c ON c.data_area_id = a.data_area_id AND c.account_number = a.account_number WHERE c.account_number IS NULL)
     + (SELECT COUNT(*) FROM hq_customer_attribute a LEFT JOIN cust_table c ON c.data_area_id = a.data_area_id AND c.account_number = a.account_number WHERE c.account_number IS NULL)
     + (SELECT COUNT(*) FROM channel_customer cc LEFT JOIN cust_table c ON c.data_area_id = cc.data_area_id AND c.account_number = cc.account_number WHERE c.account_number IS NULL)
     + (SELECT COUNT(*) FROM sales_order s LEFT JOIN hq_transaction t ON t.channel_id = s.channel_id AND t.transaction_id = s.transaction_id WHERE s.transaction_id IS NOT NULL AND t.counter IS NULL)
     + (SELECT COUNT(*) FROM sales_order s LEFT JOIN statement st ON st.statement_id = s.statement_id WHERE s.statement_id IS NOT NULL AND st.statement_id IS NULL)
     + (SELECT COUNT(*) FROM hq_async_customer h LEFT JOIN ch_async_customer c ON c.channel_id = h.channel_id AND c.counter = h.counter WHERE c.counter IS NULL)
     + (SELECT COUNT(*) FROM hq_transaction h LEFT JOIN ch_transaction c ON c.channel_id = h.channel_id AND c.counter = h.counter WHERE c.counter IS NULL)
'@
}

function Get-Fingerprint([string] $At = $store, [bool] $WithAccounts) {
    # HQ's customers, their addresses and attributes: business columns only (no GUIDs, ids or times), in a fixed order.
    # Account numbers are in it where the order of conversion is the same as without kills (one worker at a time).
    $account = if ($WithAccounts) { 'c.account_number' } else { "''" }
    $order = if ($WithAccounts) { 'c.data_area_id, c.account_number' } else { 'c.data_area_id, c.email, c.name' }
    $text = @(
        Invoke-RawSql @"
SELECT c.data_area_id, $account, c.first_name, c.middle_name, c.last_name, c.name, c.email, c.phone, c.customer_group, c.currency, c.language, c.blocked, r.origin_channel_id
FROM cust_table c LEFT JOIN retail_cust_table r ON r.data_area_id = c.data_area_id AND r.account_number = c.account_number
ORDER BY $order
"@ $At
        Invoke-RawSql @'
SELECT c.email, a.name, a.street, a.street_number, a.city, a.state, a.zip_code, a.country, a.purpose, a.is_primary
FROM hq_address a JOIN cust_table c ON c.data_area_id = a.data_area_id AND c.account_number = a.account_number
ORDER BY c.email, a.street, a.city, a.zip_code
'@ $At
        Invoke-RawSql @'
SELECT c.email, t.name, t.data_type, t.value
FROM hq_customer_attribute t JOIN cust_table c ON c.data_area_id = t.data_area_id AND c.account_number = t.account_number
ORDER BY c.email, t.name
'@ $At
    ) -join "`n"
    $sha = [Security.Cryptography.SHA256]::Create()
    try { [Convert]::ToHexString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($text))).Substring(0, 16).ToLowerInvariant() } finally { $sha.Dispose() }
}

# --- The companions: what else runs on a machine next to the jobs.
$companionStop = Join-Path $Folder 'companions.stop'
function Start-Companions {
    Remove-Item -LiteralPath $companionStop -Force -ErrorAction SilentlyContinue
    # A foreign client (DB Browser, a backup agent, a monitoring script): its own connection, reading now and then.
    $read = if ($ConnectionString) {
        $p = Get-PsqlArguments $store
        $arguments = (@($p.Arguments) | ForEach-Object { "'$($_ -replace "'", "''")'" }) -join ', '
        "`$env:PGOPTIONS = '-c search_path=$($p.SearchPath),public'; $(if ($p.Password) { "`$env:PGPASSWORD = '$($p.Password -replace "'", "''")'; " })`$a = @($arguments); `$out = & '$psql' @a -c 'select count(*) from cust_table' 2>&1"
    }
    else { "`$out = & '$sqlite3' -cmd '.timeout 1000' '$store' 'select count(*) from cust_table' 2>&1" }
    $reader = Join-Path $Folder 'foreign-reader.ps1'
    Set-Content -LiteralPath $reader -Value @"
`$reads = 0; `$during = 0; `$errors = 0; `$first = ''
while (-not (Test-Path -LiteralPath '$companionStop')) {
    `$running = Test-Path -LiteralPath '$jobsRunning'
    $read
    if (`$LASTEXITCODE -eq 0) { `$reads++; if (`$running) { `$during++ } } else { `$errors++; if (-not `$first) { `$first = "`$out" } }
    Start-Sleep -Milliseconds 25
}
[Console]::Out.WriteLine("reads `$reads `$during `$errors")
[Console]::Out.WriteLine("error `$first")
"@
    # Another CommerceSync process on the same machine, making and opening other stores in the same folder.
    $other = Join-Path $Folder 'other-stores.ps1'
    Set-Content -LiteralPath $other -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
`$n = 0; `$failed = 0; `$first = ''
while (-not (Test-Path -LiteralPath '$companionStop')) {
    `$path = Join-Path '$Folder' "other-`$(`$n % 4).db"
    try { New-CommerceStore `$path -Force | Out-Null; Get-CommerceStore -Store `$path | Out-Null; `$n++ }
    catch { `$failed++; if (-not `$first) { `$first = "`$_" }; Start-Sleep -Milliseconds 100 }
}
[Console]::Out.WriteLine("created `$n `$failed")
[Console]::Out.WriteLine("error `$first")
"@
    foreach ($file in $reader, $other) {
        $info = [Diagnostics.ProcessStartInfo]::new($pwsh, "-NoProfile -NonInteractive -File `"$file`"")
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
        $proc = [Diagnostics.Process]::Start($info)
        [pscustomobject]@{ Process = $proc; Out = $proc.StandardOutput.ReadToEndAsync(); Err = $proc.StandardError.ReadToEndAsync() }
    }
}

function Stop-Companions($Companions) {
    New-Item -ItemType File -Path $companionStop -Force | Out-Null
    $result = [ordered]@{ ForeignReads = 0; ForeignReadsDuringJobs = 0; ForeignReadErrors = 0; OtherStoresCreated = 0; OtherStoreFailures = 0; CompanionErrors = '' }
    foreach ($c in $Companions) {
        if (-not $c.Process.WaitForExit(60000)) { $c.Process.Kill() }
        $c.Process.WaitForExit()
        $lines = "$($c.Out.Result)" -split "`n" | ForEach-Object { $_.Trim() }
        foreach ($line in $lines) {
            if ($line -match '^reads (\d+) (\d+) (\d+)$') { $result.ForeignReads = [long]$Matches[1]; $result.ForeignReadsDuringJobs = [long]$Matches[2]; $result.ForeignReadErrors = [long]$Matches[3] }
            elseif ($line -match '^created (\d+) (\d+)$') { $result.OtherStoresCreated = [long]$Matches[1]; $result.OtherStoreFailures = [long]$Matches[2] }
            elseif ($line -match '^error (.+)$') { $result.CompanionErrors = ($result.CompanionErrors + ' ' + $Matches[1]).Trim() }
        }
        if ("$($c.Err.Result)".Trim()) { $result.CompanionErrors = ($result.CompanionErrors + ' ' + "$($c.Err.Result)".Trim()).Trim() }
    }
    $result
}

function Get-Violations {
    Test-CommerceStore -Store $store -Detailed | Where-Object Count -gt 0
}

function Complete-All([string] $store = $script:store) {
    # Everything due, in order, twice: the second pass must find nothing to do.
    foreach ($pass in 1, 2) {
        Invoke-PJob -Store $store | Out-Null
        Convert-AsyncCustomer -Store $store -ErrorAction SilentlyContinue | Out-Null
        Sync-CommerceOrder -Store $store -ErrorAction SilentlyContinue | Out-Null
        Invoke-CommerceTransactionValidation -Store $store -ErrorAction SilentlyContinue | Out-Null
        Invoke-StatementPosting -Store $store -EndOfDay -WarningAction SilentlyContinue | Out-Null
        Invoke-Job1010 -Store $store | Out-Null
    }
}

# What must hold at the end, whatever was killed or ran at once: the raw-SQL oracle first, then what the cmdlets report.
function Get-FinalCheck {
    $raw = [ordered]@{}
    foreach ($k in $oracle.Keys) { $raw[$k] = Get-RawCount $oracle[$k] }
    $integrity = if ($ConnectionString) { 'n/a' } else { (Invoke-RawSql 'PRAGMA integrity_check') -join '; ' }
    # A sale or an order still waiting after every job ran twice was lost on the way; Failed ones say why. A cash sale that
    # references a customer HQ refused waits, as it should: in trickle feed that sale alone (validation Error), in legacy
    # posting every sale of its store day (the day's statement was refused).
    $refused = @(Get-CommerceStatement -Store $store -Status Failed | ForEach-Object { "$($_.ChannelId)|$($_.BusinessDate.ToString('yyyy-MM-dd'))" })
    $waiting = @(Get-CommerceTransaction -Store $store -Status Pending, Uploaded)
    $held = @($waiting | Where-Object { $_.Type -eq 'CashAndCarry' -and $_.Status -eq 'Uploaded' -and ($_.ValidationStatus -eq 'Error' -or "$($_.ChannelId)|$($_.BusinessDate.ToString('yyyy-MM-dd'))" -in $refused) })
    $lostSales = $waiting.Count - $held.Count
    $async = @(Get-AsyncCustomer -Store $store)
    $valid = @($async | Where-Object Status -ne 'Failed')
    $lost = @($async | Where-Object Status -in 'Pending', 'Uploaded').Count
    $orders = @(Get-CommerceTransaction -Store $store -Type CustomerOrder -Status Synchronized)
    [pscustomobject]@{
        AsyncCustomers       = $async.Count
        Converted            = $valid.Count
        Accounts             = Get-RawCount 'SELECT COUNT(*) FROM cust_table'
        NotExactlyOneAccount = $raw.NotExactlyOneAccount
        DuplicateAccounts    = $raw.DuplicateAccounts
        AccountGaps          = $raw.AccountGaps
        NotDistributed       = @($valid | Where-Object Status -ne 'Distributed').Count + $raw.ChannelDatabasesIncomplete
        Orphans              = $raw.Orphans
        IntegrityCheck       = $integrity
        Transactions         = @(Get-CommerceTransaction -Store $store).Count
        SalesHeld            = $held.Count
        HeldByValidation     = @($held | Where-Object ValidationStatus -eq 'Error').Count
        DuplicateSalesOrders = $orders.Count - @($orders.SalesId | Sort-Object -Unique).Count
        StatementSalesOrders = @(Get-CommerceSalesOrder -Store $store -Origin Statement).Count
        FinancialStatements  = @(Get-CommerceStatement -Store $store | Where-Object Kind -eq 'Financial').Count
        Lost                 = $lost + $lostSales + $raw.NotUploaded
        OracleViolations     = @(@($raw.Keys | Where-Object { $raw[$_] -ne 0 } | ForEach-Object { "$_=$($raw[$_])" }) + @(if ($integrity -notin 'ok', 'n/a') { "integrity_check=$integrity" })) -join '; '
        Violations           = @(Get-Violations | ForEach-Object { "$($_.Check)=$($_.Count)" }) -join '; '
    }
}

# The same seed's work on a store of its own, each job run once to the end, nothing killed, nothing at once.
function Invoke-ReferenceRun([int[]] $Counts) {
    $at = if ($ConnectionString) {
        $b = [Data.Common.DbConnectionStringBuilder]::new(); $b.set_ConnectionString($ConnectionString)
        $b['Search Path'] = "$(if ($b.ContainsKey('Search Path')) { $b['Search Path'] } else { 'public' })_reference"; $b.get_ConnectionString()
    }
    else { Join-Path $Folder "reference-$Mode.db" }
    $script:rng = [Random]::new($Seed)
    New-StressStore $at
    $round = 0
    foreach ($count in $Counts) {
        $round++
        Add-Work -Count $count -Round $round -store $at
        Invoke-PJob -Store $at | Out-Null
        Convert-AsyncCustomer -Store $at -ErrorAction SilentlyContinue | Out-Null
        Sync-CommerceOrder -Store $at -ErrorAction SilentlyContinue | Out-Null
        Invoke-CommerceTransactionValidation -Store $at -ErrorAction SilentlyContinue | Out-Null
        Invoke-StatementPosting -Store $at -EndOfDay -WarningAction SilentlyContinue | Out-Null
        Invoke-Job1010 -Store $at | Out-Null
    }
    Complete-All $at
    $at
}

New-StressStore
$summary = [ordered]@{ Mode = $Mode }
$counts = @()
$companions = if ($Mode -ne 'Busy' -and -not $NoCompanions) { @(Start-Companions) }

# Whatever breaks (a damaged store stops the run with an error), the companions stop and the summary says what happened.
try {
switch ($Mode) {
    'Crash' {
        $kills = [ordered]@{}; $midRun = [ordered]@{}; $notShownInterrupted = 0; $violationsAfterRerun = 0; $atRandomTimes = 0
        # How many progress lines each job wrote when last run to the end, and for how long it ran: kills land at a random
        # one of its progress lines, or (every other kill) at a random moment of its run, wherever that is in a chunk.
        $estimate = @{}; $duration = @{}
        foreach ($job in $jobs.Keys) { $kills[$job] = 0; $midRun[$job] = 0; $estimate[$job] = 4; $duration[$job] = 1000 }
        foreach ($round in 1..$Rounds) {
            Add-Work -Count $CustomersPerRound -Round $round
            $counts += $CustomersPerRound
            foreach ($job in $jobs.Keys) {
                $killed = @()
                foreach ($k in 1..$KillsPerJob) {
                    $atRandomTime = (($round + $k) % 2) -eq 1
                    Set-JobsRunning $true
                    $p = Start-Job $jobs[$job]
                    if ($atRandomTime) {
                        # From the moment the run is recorded, a random time within how long the job's last run took.
                        while ($null -ne ($line = $p.StandardOutput.ReadLine()) -and $line -notmatch '^verbose .* run \d+ started\.$') { }
                        $drain = $p.StandardOutput.ReadToEndAsync()
                        $ms = $killRng.Next(0, [Math]::Max(2, [int]$duration[$job]))
                        Start-Sleep -Milliseconds $ms
                        $where = "at $ms of ~$([int]$duration[$job]) ms"
                    }
                    else {
                        # After a random number of the job's own progress lines (its start, then one per chunk or step).
                        $target = $killRng.Next(0, [Math]::Max(1, [int]($estimate[$job] * 0.8)))
                        $seen = -1
                        while ($seen -lt $target -and $null -ne ($line = $p.StandardOutput.ReadLine())) {
                            if ($line -match '^verbose .* run \d+ started\.$') { $seen = 0 }
                            elseif ($seen -ge 0 -and $line -like 'verbose *') { $seen++ }
                        }
                        Start-Sleep -Milliseconds ($killRng.Next(0, 10))
                        $where = "after $seen of ~$($estimate[$job]) chunk lines"
                    }
                    if ($p.HasExited) { $p.WaitForExit(); Set-JobsRunning $false; continue }
                    $p.Kill()
                    $p.WaitForExit()
                    Set-JobsRunning $false
                    $kills[$job]++
                    if ($atRandomTime) { $atRandomTimes++ }
                    $run = Get-CommerceJobRun -Store $store -Job $jobNames[$job] -Last 1
                    if ($run -and $run.Status -in 'Running', 'Interrupted' -and $run.RunId -notin $killed) { $midRun[$job]++; $killed += $run.RunId }
                    Write-Verbose "$job kill ${k}: $where, run $($run.RunId) $($run.Status)"
                }
                # Rerun the same job to completion: it must finish the work, and show each killed run as Interrupted.
                Set-JobsRunning $true
                $r = Wait-Job (Start-Job $jobs[$job])
                Set-JobsRunning $false
                if ($r.ExitCode -ne 0) { throw "Rerun of $job failed: $($r.Err)" }
                # The lines between "run N started." and "run N: n processed": one per chunk or step.
                $estimate[$job] = [Math]::Max(1, @($r.Out -split "`n" | Where-Object { $_ -like 'verbose *' }).Count - 3)
                $duration[$job] = [Math]::Max(50, $r.Milliseconds)
                foreach ($id in $killed) {
                    if ((Get-CommerceJobRun -Store $store -RunId $id).Status -ne 'Interrupted') { $notShownInterrupted++ }
                }
                $broken = @(Get-Violations)
                if ($broken) { $violationsAfterRerun += ($broken | Measure-Object Count -Sum).Sum; Write-Warning "After $job in round ${round}: $($broken -join ', ')" }
            }
        }
        Complete-All
        $summary.Kills = ($kills.Values | Measure-Object -Sum).Sum
        $summary.KillsMidRun = ($midRun.Values | Measure-Object -Sum).Sum
        $summary.KillsAtRandomTimes = $atRandomTimes
        $summary.KillsPerJob = ($kills.Keys | ForEach-Object { "$_=$($kills[$_])" }) -join ', '
        $summary.MidRunPerJob = [pscustomobject]$midRun
        $summary.KilledRunsNotShownInterrupted = $notShownInterrupted
        $summary.ViolationsAfterReruns = $violationsAfterRerun
    }
    'Concurrency' {
        $runs = 0; $failures = @()
        $round = 0
        foreach ($n in $Workers) {
            $round++
            Add-Work -Count $CustomersPerRound -Round $round
            $counts += $CustomersPerRound
            # Same job in every worker, then different jobs at once.
            $plans = @(
                , (@($jobs['P-job']) * $n)
                , (@($jobs['Sync']) * $n)
                , (@($jobs['Orders']) * $n)
                , (@($jobs['Validation']) * $n)
                , (@($jobs['Statement']) * $n)
                , (@($jobs['1010']) * $n)
                , @($jobs.Values | Select-Object -First $n))
            foreach ($plan in $plans) {
                Set-JobsRunning $true
                $procs = @($plan | ForEach-Object { Start-Job $_ })
                foreach ($p in $procs) {
                    $r = Wait-Job $p
                    $runs++
                    if ($r.ExitCode -ne 0 -or $r.Err -match 'database is locked') { $failures += $r.Err }
                }
                Set-JobsRunning $false
            }
        }
        Complete-All
        $summary.ConcurrentRuns = $runs
        $summary.FailedRuns = $failures.Count
        if ($failures) { $summary.FirstFailure = $failures[0] }
    }
    'Busy' {
        # Hold the write lock from another process; a job with a 1 s timeout must fail with StoreBusy, not hang or crash.
        $holder = if ($ConnectionString) {
            Start-Job @"
Get-CommerceStore | Out-Null
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Npgsql' }
`$c = [Activator]::CreateInstance(`$asm.GetType('Npgsql.NpgsqlConnection'), @('$store'))
`$c.Open(); `$cmd = `$c.CreateCommand(); `$cmd.CommandText = "BEGIN; SELECT pg_advisory_xact_lock(hashtext('CommerceSync:' || current_schema()))"; [void]`$cmd.ExecuteNonQuery()
[Console]::Out.WriteLine('locked'); [Console]::Out.Flush()
Start-Sleep -Seconds 20
"@
        }
        else {
            Start-Job @"
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
if (-not `$asm) { Get-CommerceStore | Out-Null; `$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' } }
`$c = [Activator]::CreateInstance(`$asm.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @('Data Source=$store'))
`$c.Open(); `$cmd = `$c.CreateCommand(); `$cmd.CommandText = 'BEGIN IMMEDIATE'; [void]`$cmd.ExecuteNonQuery()
[Console]::Out.WriteLine('locked'); [Console]::Out.Flush()
Start-Sleep -Seconds 20
"@
        }
        while ($null -ne ($line = $holder.StandardOutput.ReadLine()) -and $line -ne 'locked') { }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $waiter = Wait-Job (Start-Job 'try { Invoke-PJob -ErrorAction Stop } catch { [Console]::Out.WriteLine($_.FullyQualifiedErrorId); exit 3 }' @{ COMMERCESYNC_BUSY_TIMEOUT = '1' })
        $clock.Stop()
        $holder.Kill(); $holder.WaitForExit()
        $summary.ErrorId = "$($waiter.Out -split "`n" | Where-Object { $_ -like '*,*' } | Select-Object -First 1)".Trim()
        $summary.Output = ($waiter.Out + $waiter.Err).Trim()
        $summary.Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 1)
        $summary.ExitCode = $waiter.ExitCode
    }
}

}
catch {
    $summary.Aborted = "$_"
    if ($kills) { $summary.Kills = ($kills.Values | Measure-Object -Sum).Sum; $summary.KillsAtRandomTimes = $atRandomTimes }
    Write-Warning "The stress run stopped: $_"
}
finally {
    if ($companions) {
        foreach ($c in (Stop-Companions $companions).GetEnumerator()) { $summary[$c.Key] = $c.Value }
    }
}
if ($summary.Aborted -and -not $ConnectionString) {
    # What the store's own client says about it, then the summary as far as the run came.
    $summary.IntegrityCheck = (& $sqlite3 -batch $store 'PRAGMA integrity_check' 2>&1 | Select-Object -First 5) -join '; '
}
elseif ($Mode -ne 'Busy') {
    $final = Get-FinalCheck
    foreach ($p in $final.PSObject.Properties) { $summary[$p.Name] = $p.Value }
    # One worker at a time converts in the same order with or without kills, so there the accounts must match too.
    $withAccounts = $Mode -eq 'Crash'
    $summary.Fingerprint = Get-Fingerprint $store $withAccounts
    $reference = Invoke-ReferenceRun $counts
    $summary.ReferenceFingerprint = Get-Fingerprint $reference $withAccounts
    $summary.FingerprintMatches = $summary.Fingerprint -eq $summary.ReferenceFingerprint
}
[pscustomobject]$summary
