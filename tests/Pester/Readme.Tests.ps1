# The README's tour as a new user meets it: copied out of README.md by this test, pasted into a fresh pwsh (stdin, so
# each line runs and formats as typed at a prompt) in an empty folder, twice in a row in the same folder.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, the tour makes its own SQLite store.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')

    function Get-Tour {
        # The first powershell block under "## A tour".
        if ($Readme -notmatch '(?s)## A tour\r?\n.*?```powershell\r?\n(?<code>.*?)```') { throw 'README.md has no tour.' }
        $Matches.code
    }

    function Invoke-Tour([string] $Folder) {
        # The one line that depends on where the user's clone is: the module path of the import.
        $tour = (Get-Tour) -replace 'Import-Module \./CommerceSync\.psd1', "Import-Module '$ModuleManifest'"
        Push-Location $Folder
        try {
            $errFile = Join-Path $TestDrive "tour-err-$([guid]::NewGuid().ToString('N')).txt"
            $env:COLUMNS = '120'
            $out = $tour | & $script:Pwsh -NoProfile -NonInteractive -Command - 2>$errFile
            $ansi = "`e\[[0-9;?]*[A-Za-z]"
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Output   = (($out | ForEach-Object { "$_" }) -join "`n") -replace $ansi, ''
                Errors   = ((Get-Content -Raw $errFile) ?? '') -replace $ansi, ''
            }
        }
        finally { Pop-Location; Remove-Item Env:COLUMNS -ErrorAction SilentlyContinue }
    }
}

Describe 'The README tour' -Skip:$PostgresPass {
    BeforeAll {
        $script:Folder = Join-Path $TestDrive 'tour'
        New-Item -ItemType Directory $Folder | Out-Null
        $script:First = Invoke-Tour $Folder
        $script:Second = Invoke-Tour $Folder
    }

    It 'imports the module once, by the path a clone has, and uses only the sample file it ships' {
        $tour = Get-Tour
        ([regex]::Matches($tour, '(?m)^Import-Module ')).Count | Should -Be 1
        $tour | Should -Match 'Import-Module \./CommerceSync\.psd1'
        $tour | Should -Match 'docs/examples'
        Join-Path $PSScriptRoot '../../docs/examples/customers.csv' | Should -Exist
    }

    It 'runs with no error, the first time and again in the same folder' {
        $First.Errors | Should -BeNullOrEmpty
        $First.ExitCode | Should -Be 0
        $Second.Errors | Should -BeNullOrEmpty
        $Second.ExitCode | Should -Be 0
    }

    It 'shows what its comments say' {
        foreach ($run in $First, $Second) {
            $run.Output | Should -Match 'Pending sync' -Because 'the store shows its async customers as Pending sync'
            # "what the sync job refused, and why": one table row with the customer, its status and the reason.
            ($run.Output -split "`n" | Where-Object { $_ -match 'S0002' -and $_ -match 'Failed' -and $_ -match 'The email address' }) |
                Should -Not -BeNullOrEmpty -Because 'Get-AsyncCustomer -Status Failed shows the reason beside the refused customer'
            $run.Output | Should -Match 'Grace Hopper' -Because 'the fixed customer comes out of Convert-AsyncCustomer'
            $run.Output | Should -Match 'grace\.hopper@example\.com'
            $run.Output | Should -Match 'Posted' -Because 'statement posting posts the day'
            $run.Output | Should -Match 'Synchronize orde' -Because 'the orders job ran (its name is cut at 80 columns)'
        }
    }

    It 'shows the same the second time (a fresh store each run)' {
        # GUIDs, times and durations differ from run to run; everything else the user reads is the same.
        $normalize = {
            param($text)
            $text -replace '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'GUID' `
                -replace '[0-9a-f]{32}', 'GUID' -replace '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}( [AP]M)?', 'TIME' `
                -replace '\d+\.\d{2}s\b', 'Ns' -replace '\d{2}:\d{2}:\d{2}\.\d+', 'DURATION'
        }
        (& $normalize $Second.Output) | Should -Be (& $normalize $First.Output)
    }

    It 'gives the refused customer an account number after the fix, and every other one too' {
        $store = Join-Path $Folder 'retail.db'
        $check = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
`$failed = @(Get-AsyncCustomer -Store '$store' -Status Failed).Count
`$pending = @(Get-AsyncCustomer -Store '$store' | Where-Object { -not `$_.AccountNumber }).Count
`$all = @(Get-AsyncCustomer -Store '$store').Count
"failed=`$failed pending=`$pending all=`$all"
"@
        $check | Should -Contain 'failed=0 pending=0 all=9'
    }
}

Describe 'The README runbook, as a scheduler runs it' -Skip:$PostgresPass {
    BeforeAll {
        if ($Readme -notmatch '(?s)## A runbook\r?\n.*?```powershell\r?\n(?<code>.*?)```') { throw 'README.md has no runbook.' }
        $runbook = $Matches.code
        # What depends on the machine: where the module is, and the data folder (/data on the README's server).
        $script:Data = Join-Path $TestDrive 'data'
        New-Item -ItemType Directory (Join-Path $Data 'incoming') -Force | Out-Null
        $script:File = Join-Path $TestDrive 'nightly.ps1'
        Set-Content $File -Value ($runbook -replace 'Import-Module CommerceSync', "Import-Module '$ModuleManifest'" -replace '/data/', "$Data/")
        Invoke-FreshPwsh "Import-Module '$ModuleManifest'; New-CommerceStore -Path '$(Join-Path $Data 'retail.db')' | Out-Null; New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -Store '$(Join-Path $Data 'retail.db')' | Out-Null" | Out-Null
        function Invoke-Nightly {
            $out = & $script:Pwsh -NoProfile -NonInteractive -File $File 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Log = ($out | ForEach-Object { "$_" }) -join "`n" }
        }
    }

    It 'exits 0 when every customer of the night converts, and logs the row it refused' {
        Set-Content (Join-Path $Data 'incoming/s0001.csv') -Value 'Channel,FirstName,Email', 'S0001,Ann,ann@example.com', 'S0001,,'
        $night = Invoke-Nightly
        $night.Log | Should -Match 'Line 3 of s0001.csv'
        $night.ExitCode | Should -Be 0 -Because $night.Log
        Remove-Item (Join-Path $Data 'incoming/s0001.csv')
    }

    It 'exits non-zero, saying why, when a customer is stuck' {
        Set-Content (Join-Path $Data 'incoming/s0001.csv') -Value 'Channel,FirstName,Email', 'S0001,Bo,bo@example'
        $night = Invoke-Nightly
        $night.ExitCode | Should -Not -Be 0
        $night.Log | Should -Match 'CommerceSyncUnhealthy|email address is not valid'
    }

    It 'exits non-zero, saying why, when HQ refused a customer''s address though the customer converted' {
        Set-Content (Join-Path $Data 'incoming/s0001.csv') -Value 'Channel,FirstName,Email,City', 'S0001,Cy,cy@example.com,Seattle'
        $night = Invoke-Nightly
        $night.ExitCode | Should -Not -Be 0
        $night.Log | Should -Match 'FailedOperations'
        $night.Log | Should -Match 'no country/region'
    }

    It 'exits non-zero, saying why, when validation holds a store''s sale' {
        # An anonymous sale at a store with no default customer: trickle-feed validation holds it, whatever the customers do.
        Remove-Item (Join-Path $Data 'incoming/*') -ErrorAction SilentlyContinue
        $db = Join-Path $Data 'retail.db'
        Invoke-FreshPwsh "Import-Module '$ModuleManifest'; Connect-CommerceStore '$db' | Out-Null; New-CommerceTransaction -Channel S0001 -Amount 12 | Out-Null; Invoke-PJob | Out-Null; Invoke-CommerceTransactionValidation -ErrorAction SilentlyContinue | Out-Null" | Out-Null
        $night = Invoke-Nightly
        $night.ExitCode | Should -Not -Be 0
        $night.Log | Should -Match 'TransactionsHeldByValidation'
    }
}
