# The per-user default store is the user's real data: a session never lands there without being told, and a read never
# creates it. Each test runs a fresh pwsh whose home (and so its per-user default store) is a folder of the test's own.
BeforeDiscovery {
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-AsUser([string] $Body) {
        # A fresh pwsh with no store chosen: no $env:COMMERCESYNC_STORE, and a home of its own. Returns exit code, output,
        # and where that user's default store is.
        $home_ = Join-Path $TestDrive "home-$(New-Guid)"
        $data = Join-Path $home_ '.local/share'
        New-Item -ItemType Directory $data -Force | Out-Null
        $work = Join-Path $home_ 'work'
        New-Item -ItemType Directory $work | Out-Null
        $file = Join-Path $TestDrive "user-$(New-Guid).ps1"
        Set-Content -LiteralPath $file -Value @"
Remove-Item Env:COMMERCESYNC_STORE -ErrorAction SilentlyContinue
Set-Location '$work'
Import-Module '$ModuleManifest'
$Body
"@
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:COMMERCESYNC_STORE
        try {
            $env:HOME = $home_; $env:XDG_DATA_HOME = $data; Remove-Item Env:COMMERCESYNC_STORE -ErrorAction SilentlyContinue
            $out = & $Pwsh -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
            $code = $LASTEXITCODE
        }
        finally { $env:HOME, $env:XDG_DATA_HOME, $env:COMMERCESYNC_STORE = $saved }
        [pscustomobject]@{ ExitCode = $code; Output = $out -join "`n"; DefaultStore = Join-Path $data 'CommerceSync/commerce.db'; Work = $work }
    }
}

Describe 'The per-user default store is never used silently' -Skip:$PostgresPass {
    It 'warns once per session, naming the store and how to choose another, when a cmdlet falls back to it' {
        $r = Invoke-AsUser @'
New-CommerceChannel S0001 -AsyncCustomerMode -WarningVariable w1 | Out-Null
New-AsyncCustomer S0001 -FirstName Ada -WarningVariable w2 | Out-Null
"warnings: $(@($w1).Count) $(@($w2).Count)"
"first: $w1"
'@
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'warnings: 1 0'
        $r.Output | Should -Match ([regex]::Escape($r.DefaultStore))
        $r.Output | Should -Match 'Connect-CommerceStore'
        $r.DefaultStore | Should -Exist -Because 'a cmdlet that changes data creates the default store'
    }

    It 'creates nothing when a read finds no default store yet' {
        $r = Invoke-AsUser @'
try { Get-CommerceStore -ErrorAction Stop | Out-Null } catch { "store: $($_.FullyQualifiedErrorId)" }
try { Get-AsyncCustomer -ErrorAction Stop | Out-Null } catch { "customers: $($_.FullyQualifiedErrorId)" }
'@
        $r.Output | Should -Match 'store: StoreNotFound,CommerceSync.GetCommerceStore'
        $r.Output | Should -Match 'customers: StoreNotFound,CommerceSync.GetAsyncCustomer'
        $r.DefaultStore | Should -Not -Exist
        Split-Path $r.DefaultStore | Should -Not -Exist
    }

    It 'keeps a failed connect from sending the session''s work to the default store' {
        # The tour's first line, run twice: the second New-CommerceStore fails with StoreExists.
        $r = Invoke-AsUser @'
New-CommerceStore ./retail.db | Connect-CommerceStore | Out-Null
Disconnect-CommerceStore
New-CommerceStore ./retail.db -ErrorAction SilentlyContinue | Connect-CommerceStore | Out-Null
New-CommerceChannel S0001 -WarningVariable w | Out-Null
"warned: $(@($w).Count)"
'@
        $r.Output | Should -Match 'warned: 1' -Because 'the channel went to the default store, and the user is told'
    }
}

Describe 'Connect-CommerceStore and Disconnect-CommerceStore' -Skip:$PostgresPass {
    It 'runs the tour''s first line twice with -Create' {
        $r = Invoke-AsUser @'
$ErrorActionPreference = 'Stop'
Connect-CommerceStore ./retail.db -Create | Out-Null
New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
Connect-CommerceStore ./retail.db -Create | Out-Null
"channels: $(@(Get-CommerceChannel).Count)"
"source: $((Get-CommerceStore).Source)"
'@
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'channels: 1'
        $r.Output | Should -Match 'source: Session'
        Join-Path $r.Work 'retail.db' | Should -Exist
        $r.DefaultStore | Should -Not -Exist
    }

    It 'refuses a missing store without -Create, and the session keeps the store it had' {
        $r = Invoke-AsUser @'
Connect-CommerceStore ./first.db -Create | Out-Null
try { Connect-CommerceStore ./missing.db -ErrorAction Stop } catch { "connect: $($_.FullyQualifiedErrorId)" }
"path: $((Get-CommerceStore).Path)"
'@
        $r.Output | Should -Match 'connect: StoreNotFound,CommerceSync.ConnectCommerceStore'
        $r.Output | Should -Match ([regex]::Escape("path: $(Join-Path $r.Work 'first.db')"))
        Join-Path $r.Work 'missing.db' | Should -Not -Exist
    }

    It 'ends the session''s choice with Disconnect-CommerceStore, back to $env:COMMERCESYNC_STORE' {
        $r = Invoke-AsUser @'
Connect-CommerceStore ./a.db -Create | Out-Null
New-CommerceStore ./env.db | Out-Null
$env:COMMERCESYNC_STORE = './env.db'
Disconnect-CommerceStore
"after: $((Get-CommerceStore).Source) $(Split-Path -Leaf (Get-CommerceStore).Path)"
'@
        $r.Output | Should -Match 'after: Environment env.db'
    }

    It 'connects to the user''s real default store with -Default, whatever $env:COMMERCESYNC_STORE says' {
        $r = Invoke-AsUser @'
New-CommerceStore ./env.db | Out-Null
$env:COMMERCESYNC_STORE = './env.db'
$s = Connect-CommerceStore -Default
"default: $($s.Path)"
"now: $((Get-CommerceStore).Path)"
'@
        $r.Output | Should -Match ([regex]::Escape("default: $($r.DefaultStore)"))
        $r.Output | Should -Match ([regex]::Escape("now: $($r.DefaultStore)"))
        $r.DefaultStore | Should -Exist
    }
}
