BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, this is the import and store files (Postgres.Tests.ps1 chooses stores by connection string).
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The module manifest' -Skip:$PostgresPass {
    It 'is valid and exports exactly the cmdlets the assembly defines' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        $declared = @($manifest.ExportedCmdlets.Keys | Sort-Object)
        $asm = [CommerceSync.ModuleLoader].Assembly
        $defined = @($asm.GetExportedTypes() | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
        $declared | Should -Be $defined
        @((Get-Module CommerceSync).ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
    }

    It 'declares both editions and exports no functions' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.FunctionsToExport.Count | Should -Be 0
        $data.FormatsToProcess | Should -Not -BeNullOrEmpty
    }

    It 'exports the sync job''s product names as aliases of Convert-AsyncCustomer' {
        (Get-Alias Sync-CustomerAndBusinessPartner).ReferencedCommand.Name | Should -Be 'Convert-AsyncCustomer'
        (Get-Alias Sync-CustomerAndChannelRequest).ReferencedCommand.Name | Should -Be 'Convert-AsyncCustomer'
    }
}

Describe 'Native SQLite inside the module' -Skip:$PostgresPass {
    It 'ships e_sqlite3 for every supported runtime in the layout pwsh probes' {
        $deps = Join-Path (Split-Path $ModuleManifest) 'module/bin/core/Dependencies'
        $expected = @{
            'linux-x64' = 'e_sqlite3.so'; 'linux-arm64' = 'e_sqlite3.so'; 'linux-musl-x64' = 'e_sqlite3.so'
            'win-x64' = 'e_sqlite3.dll'; 'win-x86' = 'e_sqlite3.dll'; 'win-arm64' = 'e_sqlite3.dll'
            'osx-x64' = 'e_sqlite3.dylib'; 'osx-arm64' = 'e_sqlite3.dylib'
        }
        foreach ($rid in $expected.Keys) {
            Join-Path $deps "$rid/$($expected[$rid])" | Should -Exist -Because "$rid needs its native SQLite"
        }
    }

    It 'imports in a fresh pwsh -NoProfile and creates a store with no manual copying' {
        $db = Join-Path $TestDrive 'fresh.db'
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
`$s = New-CommerceStore -Path '$db'
New-CommerceChannel -ChannelId S1 -Store '$db' | Out-Null
"schema=`$(`$s.SchemaVersion) channels=`$((Get-CommerceChannel -Store '$db').Count)"
"@
        ($out -join ' ') | Should -Match 'schema=[1-9][0-9]* channels=1'
    }

    It 'keeps Microsoft.Data.Sqlite in its own load context' {
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
New-CommerceStore -Path '$(Join-Path $TestDrive 'alc.db')' | Out-Null
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$asm).Name
"@
        $out | Should -Contain 'CommerceSync'
    }
}

Describe 'Which store a cmdlet uses' -Skip:$PostgresPass {
    It 'prefers -Store, then the session store, then $env:COMMERCESYNC_STORE, then the per-user default' {
        $home1 = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory $home1 | Out-Null
        $a = Join-Path $TestDrive 'a.db'; $b = Join-Path $TestDrive 'b.db'; $e = Join-Path $TestDrive 'env.db'
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:HOME = '$home1'; `$env:XDG_DATA_HOME = '$home1/data'; `$env:LOCALAPPDATA = '$home1/data'
Remove-Item Env:COMMERCESYNC_STORE -ErrorAction SilentlyContinue
Import-Module '$ModuleManifest'
try { Get-CommerceStore -ErrorAction Stop | Out-Null } catch { "default=`$(`$_.FullyQualifiedErrorId)|`$(`$_.TargetObject)" }
New-CommerceStore '$e' | Out-Null
`$env:COMMERCESYNC_STORE = '$e'
"env=`$((Get-CommerceStore).Source)"
New-CommerceStore '$a' | Out-Null; New-CommerceStore '$b' | Out-Null
Connect-CommerceStore '$a' | Out-Null
"session=`$((Get-CommerceStore).Source)|`$((Get-CommerceStore).Path)"
"parameter=`$((Get-CommerceStore -Store '$b').Source)|`$((Get-CommerceStore -Store '$b').Path)"
Disconnect-CommerceStore
"back=`$((Get-CommerceStore).Source)"
"@
        $default = ($out | Where-Object { $_ -like 'default=*' })
        # Reading the per-user default store before it exists names it and creates nothing.
        $default | Should -BeLike "default=StoreNotFound,CommerceSync.GetCommerceStore|$home1*CommerceSync*commerce.db"
        $out | Should -Contain 'env=Environment'
        $out | Should -Contain "session=Session|$a"
        $out | Should -Contain "parameter=Parameter|$b"
        $out | Should -Contain 'back=Environment'
    }

    It 'resolves a relative -Store against the current location' {
        Push-Location $TestDrive
        try {
            New-CommerceStore -Path 'relative.db' | Out-Null
            (Get-CommerceStore -Store 'relative.db').Path | Should -Be (Join-Path $TestDrive 'relative.db')
        }
        finally { Pop-Location }
    }

    It 'creates store files owner-only on Unix' -Skip:$IsWindows {
        $p = Join-Path $TestDrive 'private.db'
        New-CommerceStore -Path $p | Out-Null
        New-CommerceChannel -ChannelId S1 -Store $p | Out-Null
        (Get-Item $p).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        # The write-ahead log and shared-memory files exist while a writer has the store open: hold one open and look.
        $asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
        $c = [Activator]::CreateInstance($asm.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @("Data Source=$p;Pooling=False"))
        try {
            $c.Open()
            $cmd = $c.CreateCommand()
            $cmd.CommandText = "BEGIN IMMEDIATE; INSERT INTO store_setting(key, value) VALUES ('probe', 'x');"
            [void]$cmd.ExecuteNonQuery()
            foreach ($suffix in '-wal', '-shm') {
                "$p$suffix" | Should -Exist
                (Get-Item "$p$suffix").UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') -Because "$suffix holds store data too"
            }
            $cmd.CommandText = 'ROLLBACK;'
            [void]$cmd.ExecuteNonQuery()
        }
        finally { $c.Dispose() }
    }

    It 'refuses what is not a store with a clear error id' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'afolder')
        { Get-CommerceStore -Store $folder.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'StorePathIsFolder,CommerceSync.GetCommerceStore'
        $junk = Join-Path $TestDrive 'junk.db'
        Set-Content $junk ('x' * 4096)
        { Get-CommerceStore -Store $junk -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotSqlite,CommerceSync.GetCommerceStore'
        { Get-CommerceStore -Store (Join-Path $TestDrive 'missing.db') -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotFound,CommerceSync.GetCommerceStore'
        $existing = Join-Path $TestDrive 'exists.db'
        New-CommerceStore $existing | Out-Null
        { New-CommerceStore $existing -ErrorAction Stop } | Should -Throw -ErrorId 'StoreExists,CommerceSync.NewCommerceStore'
    }

    It 'refuses a store whose schema is newer than the module' {
        $p = Join-Path $TestDrive 'newer.db'
        New-CommerceStore $p | Out-Null
        # Bump the version with the bundled SQLite engine in a fresh process, then expect the refusal here.
        $bump = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
New-CommerceChannel -ChannelId S1 -Store '$p' | Out-Null
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
`$conn = [Activator]::CreateInstance(`$asm.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @('Data Source=$p'))
`$conn.Open(); `$cmd = `$conn.CreateCommand(); `$cmd.CommandText = 'INSERT INTO schema_version(version) VALUES (999)'; [void]`$cmd.ExecuteNonQuery(); `$conn.Close()
'bumped'
"@
        $bump | Should -Contain 'bumped'
        { Get-CommerceStore -Store $p -ErrorAction Stop } | Should -Throw -ErrorId 'StoreSchemaTooNew,CommerceSync.GetCommerceStore'
    }
}
