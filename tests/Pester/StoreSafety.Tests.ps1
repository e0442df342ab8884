# What users and other programs do next to a store file must never damage it or show what is in it: exports and
# backups aimed at the store, cut-short or hand-edited exports, other users on the same machine, read-only media,
# readers while a job writes. Every test works on a store file (SQLite); on PostgreSQL the store has no file.
BeforeDiscovery {
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
    $script:NotUnix = $IsWindows
    # Root can mount read-only and act as another user: what CI and this machine have. Elsewhere those tests are skipped.
    $script:NotRoot = $IsWindows -or ((& id -u) -ne '0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Sqlite3 = (Get-Command sqlite3 -ErrorAction SilentlyContinue).Source

    function New-FilledStore {
        # A store with two channels, converted and distributed customers, and one customer still waiting at the channel.
        $path = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        1..20 | ForEach-Object { [pscustomobject]@{ Channel = "S000$($_ % 2 + 1)"; FirstName = "F$_"; LastName = 'L'; Email = "f$_@example.com" } } |
            New-AsyncCustomer | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        New-AsyncCustomer S0001 -FirstName Waiting | Out-Null
        $path
    }

    function Get-StoreCounts([string] $Path) {
        # Read with the module and with nothing else: the counts a job or export must leave as they are.
        '{0}|{1}|{2}' -f @(Get-CommerceChannel -Store $Path).Count, @(Get-CommerceCustomer -Store $Path).Count, @(Get-AsyncCustomer -Store $Path).Count
    }

    function Update-ExportTrailer([string] $Path) {
        # What a careful hand-editor would do: recompute the trailer after changing rows, so only the content checks remain.
        $lines = [IO.File]::ReadAllLines($Path) | Where-Object { $_ -notmatch '^\{"trailer"' }
        $sha = [Security.Cryptography.SHA256]::Create()
        $counts = [ordered]@{}
        foreach ($line in $lines) {
            $bytes = [Text.Encoding]::UTF8.GetBytes($line + "`n")
            [void]$sha.TransformBlock($bytes, 0, $bytes.Length, $null, 0)
            if ($line -match '^\{"t":"([a-z_]+)"') { $counts[$Matches[1]] = 1 + [long]$counts[$Matches[1]] }
        }
        [void]$sha.TransformFinalBlock([byte[]]::new(0), 0, 0)
        $hash = [Convert]::ToHexString($sha.Hash).ToLowerInvariant()
        $trailer = [ordered]@{ trailer = 'CommerceSync'; rows = $counts; sha256 = $hash } | ConvertTo-Json -Compress
        [IO.File]::WriteAllLines($Path, @($lines) + $trailer)
    }

    function Edit-ExportLine([string] $Path, [string] $Table, [scriptblock] $Change) {
        # Changes the first row of a table in an export (as JSON text) and recomputes the trailer.
        $lines = [IO.File]::ReadAllLines($Path)
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -like "{`"t`":`"$Table`"*") { $lines[$i] = & $Change $lines[$i]; break }
        }
        [IO.File]::WriteAllLines($Path, $lines)
        Update-ExportTrailer $Path
    }
}

Describe 'Exports and backups never land on the store they copy' -Skip:$PostgresPass {
    BeforeEach {
        $script:db = New-FilledStore
        $script:before = Get-StoreCounts $db
    }

    It 'refuses Export-CommerceData -Force onto <Name>' -ForEach @(
        @{ Name = 'the store itself'; Target = { $db } }
        @{ Name = 'the store by a relative path'; Target = { Push-Location (Split-Path $db); "./$(Split-Path $db -Leaf)" } }
        @{ Name = 'its WAL file'; Target = { "$db-wal" } }
        @{ Name = 'its shared-memory file'; Target = { "$db-shm" } }
        @{ Name = 'a link to the store'; Target = { $l = Join-Path $TestDrive "link-$(New-Guid).db"; New-Item -ItemType SymbolicLink -Path $l -Target $db | Out-Null; $l } }
        @{ Name = 'a path through a linked folder'; Target = { $l = Join-Path $TestDrive "dir-$(New-Guid)"; New-Item -ItemType SymbolicLink -Path $l -Target (Split-Path $db) | Out-Null; Join-Path $l (Split-Path $db -Leaf) } }
    ) {
        $path = & $Target
        try {
            { Export-CommerceData -Path $path -Force -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationIsStore,CommerceSync.ExportCommerceData'
            { Backup-CommerceStore -Destination $path -Force -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationIsStore,CommerceSync.BackupCommerceStore'
        }
        finally { if ($Name -like '*relative*') { Pop-Location } }
        Get-StoreCounts $db | Should -Be $before
        (Get-Item $db).Length | Should -BeGreaterThan 0
        Test-CommerceStore -Store $db | Should -BeTrue
        if ($Sqlite3) { & $Sqlite3 $db 'PRAGMA integrity_check;' | Should -Be 'ok' }
    }

    It 'names the store in the message' {
        $e = { Backup-CommerceStore -Destination $db -Force -ErrorAction Stop } | Should -Throw -PassThru
        $e.Exception.Message | Should -Match 'is the store'
        $e.TargetObject | Should -Be $db
    }

    It 'replaces another store file with -Force through SQLite, without deleting it under a reader' {
        $other = Join-Path $TestDrive "other-$(New-Guid).db"
        New-CommerceStore $other | Out-Null
        Backup-CommerceStore -Destination $other -Force | Out-Null
        Get-StoreCounts $other | Should -Be $before
        Test-CommerceStore -Store $other | Should -BeTrue
    }
}

Describe 'A cut-short or hand-edited export never imports' -Skip:$PostgresPass {
    BeforeAll {
        $script:source = New-FilledStore
        $script:export = Join-Path $TestDrive 'whole.jsonl'
        Export-CommerceData -Path $export -Store $source | Out-Null
    }

    BeforeEach {
        $script:copy = Join-Path $TestDrive "edit-$(New-Guid).jsonl"
        Copy-Item $export $copy
        $script:target = Join-Path $TestDrive "target-$(New-Guid).db"
        New-CommerceStore $target | Out-Null
    }

    It 'ends the export with a trailer: row counts per table and a checksum' {
        $last = Get-Content $export -Tail 1 | ConvertFrom-Json
        $last.trailer | Should -Be 'CommerceSync'
        $last.rows.cust_table | Should -Be 20
        $last.sha256 | Should -Match '^[0-9a-f]{64}$'
    }

    It 'imports a whole export' {
        Import-CommerceData -Path $copy -Store $target | Out-Null
        Get-StoreCounts $target | Should -Be (Get-StoreCounts $source)
        Test-CommerceStore -Store $target | Should -BeTrue
    }

    It 'refuses <Name> and leaves the store empty' -ForEach @(
        @{ Name = 'an export cut after a row'; Edit = { $l = [IO.File]::ReadAllLines($copy); [IO.File]::WriteAllLines($copy, $l[0..($l.Count - 8)]) }; Reason = 'trailer' }
        @{ Name = 'an export cut in the middle of a line'; Edit = { $b = [IO.File]::ReadAllBytes($copy); [IO.File]::WriteAllBytes($copy, $b[0..($b.Length - 40)]) }; Reason = 'trailer' }
        @{ Name = 'only the header line'; Edit = { [IO.File]::WriteAllLines($copy, @([IO.File]::ReadAllLines($copy)[0])) }; Reason = 'trailer' }
        @{ Name = 'a row changed without its trailer'; Edit = { (Get-Content $copy) -replace 'f3@example.com', 'x3@example.com' | Set-Content $copy }; Reason = 'checksum' }
        @{ Name = 'a row removed without its trailer'; Edit = { $l = [Collections.Generic.List[string]][IO.File]::ReadAllLines($copy); $l.RemoveAt(5); [IO.File]::WriteAllLines($copy, $l) }; Reason = 'checksum|rows' }
        @{ Name = 'rows after the trailer'; Edit = { Add-Content $copy ([IO.File]::ReadAllLines($copy)[3]) }; Reason = 'after the .*trailer' }
        @{ Name = 'a number sequence lowered below its accounts'; Edit = { Edit-ExportLine $copy 'number_sequence' { param($l) $l -replace '"next_value":\d+', '"next_value":3' } }; Reason = 'number sequence' }
        @{ Name = 'a number sequence that is not a number'; Edit = { Edit-ExportLine $copy 'number_sequence' { param($l) $l -replace '"next_value":\d+', '"next_value":"lots"' } }; Reason = 'next_value' }
        @{ Name = 'a nested JSON value'; Edit = { Edit-ExportLine $copy 'cust_table' { param($l) $l -replace '"email":"[^"]*"', '"email":{"a":1}' } }; Reason = 'email' }
        @{ Name = 'text in a number column'; Edit = { Edit-ExportLine $copy 'channel' { param($l) $l -replace '"async_customer_mode":\d', '"async_customer_mode":"yes"' } }; Reason = 'async_customer_mode' }
        @{ Name = 'no store settings'; Edit = { $l = [IO.File]::ReadAllLines($copy) | Where-Object { $_ -notlike '{"t":"store_setting"*' }; [IO.File]::WriteAllLines($copy, $l); Update-ExportTrailer $copy }; Reason = 'AccountNumberFormat' }
    ) {
        & $Edit
        $e = { Import-CommerceData -Path $copy -Store $target -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ImportFormatInvalid,CommerceSync.ImportCommerceData'
        $e.Exception.Message | Should -Match $Reason
        Get-StoreCounts $target | Should -Be '0|0|0'
        Get-CommerceStore -Store $target | ForEach-Object AccountNumberFormat | Should -Be 'C######' -Because 'the settings of the new store stay'
    }

    It 'leaves no file at -Path when the export is killed half-way' -Skip:$NotUnix {
        $big = Join-Path $TestDrive 'big.db'
        New-CommerceStore $big | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode -Store $big | Out-Null
        1..20000 | ForEach-Object { [pscustomobject]@{ FirstName = "F$_"; Email = "f$_@example.com" } } | New-AsyncCustomer -Channel S0001 -Store $big | Out-Null
        $dir = Join-Path $TestDrive 'killed'
        $out = Join-Path $dir 'killed.jsonl'
        $script = Join-Path $TestDrive 'export-slowly.ps1'
        # The export runs in its own process; this test kills it (SIGKILL) once part of the file is written.
        Set-Content $script "Import-Module '$ModuleManifest'; while (`$true) { Export-CommerceData -Path '$out' -Store '$big' -Force | Out-Null; Remove-Item '$out' }"
        $p = Start-Process -PassThru -FilePath $Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $script)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline -and -not (Get-ChildItem $dir -Force -ErrorAction SilentlyContinue | Where-Object { $_.Name -ne 'killed.jsonl' -and $_.Length -gt 100000 })) {
                Start-Sleep -Milliseconds 5
            }
            $partial = Get-ChildItem $dir -Force | Where-Object Name -ne 'killed.jsonl'
            $partial | Should -Not -BeNullOrEmpty -Because 'the export was caught half-way'
        }
        finally { $p | Stop-Process -Force; $p | Wait-Process -Timeout 10 }
        $out | Should -Not -Exist -Because 'an export appears under its name only when it is whole'
    }

    It 'leaves no file at -Path when the store is damaged' {
        $bad = Join-Path $TestDrive 'damaged.db'
        # A backup holds every page in the file itself (no WAL); then every page but the first becomes noise.
        Backup-CommerceStore -Destination $bad -Store $source | Out-Null
        $bytes = [IO.File]::ReadAllBytes($bad)
        $bytes.Length | Should -BeGreaterThan 16384
        for ($i = 4096; $i -lt $bytes.Length; $i++) { $bytes[$i] = 0xA5 }
        [IO.File]::WriteAllBytes($bad, $bytes)
        $out = Join-Path $TestDrive 'from-damaged.jsonl'
        { Export-CommerceData -Path $out -Store $bad -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotSqlite,CommerceSync.ExportCommerceData'
        $out | Should -Not -Exist
        Get-ChildItem $TestDrive -Filter '*from-damaged*' | Should -BeNullOrEmpty -Because 'no temporary file is left behind either'
    }

    It 'refuses an export path that is a folder, and creates a missing folder' {
        { Export-CommerceData -Path $TestDrive -Store $source -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationIsFolder,CommerceSync.ExportCommerceData'
        $deep = Join-Path $TestDrive 'new/deeper/export.jsonl'
        Export-CommerceData -Path $deep -Store $source | Out-Null
        $deep | Should -Exist
    }
}

Describe 'Store, backup and export files are the owner''s alone, from the moment they exist' -Skip:($PostgresPass -or $NotUnix) {
    It 'creates them 0600 even under umask 000' {
        $dir = Join-Path $TestDrive 'umask'
        New-Item -ItemType Directory $dir | Out-Null
        $script = Join-Path $TestDrive 'umask.ps1'
        Set-Content $script @"
Import-Module '$ModuleManifest'
New-CommerceStore '$dir/s.db' | Out-Null
New-CommerceChannel S0001 -AsyncCustomerMode -Store '$dir/s.db' | Out-Null
New-AsyncCustomer S0001 -FirstName A -Email a@example.com -Store '$dir/s.db' | Out-Null
Export-CommerceData -Path '$dir/e.jsonl' -Store '$dir/s.db' | Out-Null
Backup-CommerceStore -Destination '$dir/b.db' -Store '$dir/s.db' | Out-Null
"@
        & bash -c "umask 000 && '$Pwsh' -NoProfile -NonInteractive -File '$script'"
        $LASTEXITCODE | Should -Be 0
        foreach ($f in 's.db', 'e.jsonl', 'b.db') {
            (Get-Item (Join-Path $dir $f)).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') -Because "$f holds names, emails and addresses"
        }
    }

    It 'gives another user on the machine no moment to open a new store, backup or export' -Skip:$NotRoot {
        # A shared folder another user can list; that user polls it and tries to open every new file as it appears.
        $dir = Join-Path $TestDrive 'shared'
        New-Item -ItemType Directory $dir | Out-Null
        & chmod 1777 $dir
        & chmod 755 $TestDrive
        $stop = Join-Path $TestDrive 'stop'
        $logDir = Join-Path $TestDrive 'log'
        New-Item -ItemType Directory $logDir | Out-Null
        & chmod 1777 $logDir
        $pollScript = Join-Path $TestDrive 'poll.sh'
        Set-Content $pollScript @"
while [ ! -e '$stop' ]; do
  for f in '$dir'/*; do
    if [ -f "`$f" ] && exec 3<"`$f" 2>/dev/null; then echo "`$f" >> '$logDir/opened-by-nobody'; exec 3<&-; fi
  done
done
"@
        & chmod 755 $pollScript
        $poller = Start-Process -PassThru -FilePath runuser -ArgumentList @('-u', 'nobody', '--', 'bash', $pollScript)
        Start-Sleep -Milliseconds 300
        $poller.HasExited | Should -BeFalse -Because 'the other user polls the folder while the files are made'
        Set-Content (Join-Path $dir 'canary.txt') 'a file anyone may read' 
        & chmod 644 (Join-Path $dir 'canary.txt')
        try {
            $source = New-FilledStore
            foreach ($i in 1..15) {
                New-CommerceStore (Join-Path $dir "s$i.db") | Out-Null
                Backup-CommerceStore -Destination (Join-Path $dir "b$i.db") -Store $source | Out-Null
                Export-CommerceData -Path (Join-Path $dir "e$i.jsonl") -Store $source | Out-Null
            }
        }
        finally {
            New-Item $stop | Out-Null
            $poller | Wait-Process -Timeout 10 -ErrorAction SilentlyContinue
        }
        $opened = @(Get-Content (Join-Path $logDir 'opened-by-nobody') -ErrorAction SilentlyContinue | Sort-Object -Unique)
        $opened | Should -Contain (Join-Path $dir 'canary.txt') -Because 'the poller can open what is readable to all'
        @($opened | Where-Object { $_ -notlike '*canary.txt' }) | Should -BeNullOrEmpty -Because 'a file is created owner-only in the same call that creates it'
    }
}

Describe 'Replacing a store that is in use' -Skip:$PostgresPass {
    It 'refuses New-CommerceStore -Force while another process has the store open, and keeps it whole' {
        $db = New-FilledStore
        $before = Get-StoreCounts $db
        $ready = Join-Path $TestDrive 'ready'; $done = Join-Path $TestDrive 'done'
        $holder = Join-Path $TestDrive 'holder.ps1'
        Set-Content $holder @"
Import-Module '$ModuleManifest'
Get-CommerceStore -Store '$db' | Out-Null
New-Item '$ready' | Out-Null
while (-not (Test-Path '$done')) { Start-Sleep -Milliseconds 50 }
Get-CommerceChannel -Store '$db' | Out-Null
"@
        $p = Start-Process -PassThru -FilePath $Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $holder)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path $ready) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $env:COMMERCESYNC_BUSY_TIMEOUT = '1'
            { New-CommerceStore $db -Force -ErrorAction Stop } | Should -Throw -ErrorId 'StoreInUse,CommerceSync.NewCommerceStore'
        }
        finally {
            Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT
            New-Item $done | Out-Null
            $p | Wait-Process -Timeout 30
        }
        $p.ExitCode | Should -Be 0 -Because 'the other process still reads its store'
        Get-StoreCounts $db | Should -Be $before
        Test-CommerceStore -Store $db | Should -BeTrue
    }

    It 'replaces a store nobody uses' {
        $db = New-FilledStore
        New-CommerceStore $db -Force | Out-Null
        Get-StoreCounts $db | Should -Be '0|0|0'
        Test-CommerceStore -Store $db | Should -BeTrue
    }

    It 'replaces a file that is not a store' {
        $f = Join-Path $TestDrive 'notes.db'
        Set-Content $f ('not a database ' * 300)
        New-CommerceStore $f -Force | Out-Null
        Get-StoreCounts $f | Should -Be '0|0|0'
    }
}

Describe 'Reading never waits for a writer' -Skip:($PostgresPass) {
    BeforeAll {
        $script:db = New-FilledStore
        # A run left Running by a process that is gone: listing runs would want to mark it Interrupted.
        $script:Sqlite3Missing = -not $Sqlite3
    }

    It 'reads <Name> while another program holds the write lock' -Skip:$Sqlite3Missing -ForEach @(
        @{ Name = 'the job history'; Read = { Get-CommerceJobRun -Store $db } }
        @{ Name = 'the store'; Read = { Get-CommerceStore -Store $db } }
        @{ Name = 'channels'; Read = { Get-CommerceChannel -Store $db } }
        @{ Name = 'async customers'; Read = { Get-AsyncCustomer -Store $db } }
        @{ Name = 'customers'; Read = { Get-CommerceCustomer -Store $db } }
        @{ Name = 'the invariants'; Read = { Test-CommerceStore -Store $db } }
        @{ Name = 'an export'; Read = { Export-CommerceData -Path (Join-Path $TestDrive "r-$(New-Guid).jsonl") -Store $db } }
    ) {
        # A stale run, as a killed process leaves it: listing runs wants to mark it Interrupted, which is a write.
        & $Sqlite3 $db "UPDATE job_run SET status = 0, process_id = 999999, finished = NULL WHERE run_id = (SELECT MAX(run_id) FROM job_run);"
        $holdScript = Join-Path $TestDrive 'hold.sql'
        Set-Content $holdScript "BEGIN IMMEDIATE;`nUPDATE store_setting SET value = value;`n.shell touch '$TestDrive/locked'`n.shell sleep 4`nCOMMIT;"
        Remove-Item (Join-Path $TestDrive 'locked') -ErrorAction SilentlyContinue
        $lock = Start-Process -PassThru -FilePath $Sqlite3 -ArgumentList @($db) -RedirectStandardInput $holdScript
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not (Test-Path (Join-Path $TestDrive 'locked')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        & $Sqlite3 $db '.timeout 0' 'BEGIN IMMEDIATE;' 2>&1 | Should -Match 'locked' -Because 'the other program holds the write lock now'
        $env:COMMERCESYNC_BUSY_TIMEOUT = '1'
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            { & $Read -ErrorAction Stop | Out-Null } | Should -Not -Throw
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1 -Because 'a reader does not wait for the writer'
        }
        finally {
            Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT
            $lock | Wait-Process -Timeout 20
        }
    }
}

Describe 'A store on read-only media' -Skip:($PostgresPass -or $NotRoot) {
    BeforeAll {
        $script:src = Join-Path $TestDrive 'rosrc'
        $script:mnt = Join-Path $TestDrive 'ro'
        New-Item -ItemType Directory $src, $mnt | Out-Null
        $script:original = New-FilledStore
        Backup-CommerceStore -Destination (Join-Path $src 's.db') -Store $original | Out-Null
        & mount --bind $src $mnt 2>$null
        $script:Bound = $LASTEXITCODE -eq 0
        if ($Bound) { & mount -o 'remount,ro,bind' $mnt 2>$null }
        $script:Mounted = $Bound -and $LASTEXITCODE -eq 0
        $script:db = Join-Path $mnt 's.db'
    }
    # Lazily: pooled connections of this session still hold the store open.
    AfterAll { if ($Bound) { & umount -l $mnt } }

    It 'can be read, tested, exported and backed up' {
        if (-not $Mounted) { Set-ItResult -Skipped -Because 'this machine cannot mount a read-only folder'; return }
        Get-StoreCounts $db | Should -Be (Get-StoreCounts $original)
        Test-CommerceStore -Store $db | Should -BeTrue
        Get-CommerceJobRun -Store $db | Should -Not -BeNullOrEmpty
        (Get-CommerceStore -Store $db).ReadOnly | Should -BeTrue
        $out = Join-Path $TestDrive 'ro-export.jsonl'
        Export-CommerceData -Path $out -Store $db | Out-Null
        $out | Should -Exist
        $copy = Join-Path $TestDrive 'ro-backup.db'
        Backup-CommerceStore -Destination $copy -Store $db | Out-Null
        Get-StoreCounts $copy | Should -Be (Get-StoreCounts $original)
    }

    It 'refuses a change with StoreReadOnly' {
        if (-not $Mounted) { Set-ItResult -Skipped -Because 'this machine cannot mount a read-only folder'; return }
        { New-CommerceChannel S0009 -Store $db -ErrorAction Stop } | Should -Throw -ErrorId 'StoreReadOnly,CommerceSync.NewCommerceChannel'
    }

    It 'refuses New-CommerceStore there with StoreReadOnly, leaving no file' {
        if (-not $Mounted) { Set-ItResult -Skipped -Because 'this machine cannot mount a read-only folder'; return }
        { New-CommerceStore (Join-Path $mnt 'new.db') -ErrorAction Stop } | Should -Throw -ErrorId 'StoreReadOnly,CommerceSync.NewCommerceStore'
        Join-Path $mnt 'new.db' | Should -Not -Exist
    }
}

Describe 'Store paths' -Skip:$PostgresPass {
    It 'says a dangling link is one, with StoreNotFound' -Skip:$NotUnix {
        $l = Join-Path $TestDrive 'dangling.db'
        New-Item -ItemType SymbolicLink -Path $l -Target (Join-Path $TestDrive 'gone.db') | Out-Null
        $e = { Get-CommerceChannel -Store $l -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotFound,CommerceSync.GetCommerceChannel' -PassThru
        $e.Exception.Message | Should -Match 'link'
        { New-CommerceStore $l -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotFound,CommerceSync.NewCommerceStore'
    }

    It 'resolves a relative $env:COMMERCESYNC_STORE against the current location, as -Store does' {
        $sub = Join-Path $TestDrive 'here'
        New-Item -ItemType Directory $sub | Out-Null
        New-CommerceStore (Join-Path $sub 'rel.db') | Out-Null
        $out = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
Set-Location '$sub'
`$env:COMMERCESYNC_STORE = 'rel.db'
(Get-CommerceStore).Path
"@
        $out | Select-Object -Last 1 | Should -Be (Join-Path $sub 'rel.db')
    }
}
