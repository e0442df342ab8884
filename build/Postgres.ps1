# A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temp folder, on 127.0.0.1 and a free
# port, owned by this run and removed after it. Nothing of the machine's own PostgreSQL (if it runs one) is touched.

function Find-PostgresBin {
    # The Debian packages put the server in /usr/lib/postgresql/<version>/bin, not on PATH.
    $initdb = Get-Command initdb -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($initdb) { return Split-Path $initdb.Source }
    $found = Get-ChildItem '/usr/lib/postgresql/*/bin/initdb' -ErrorAction SilentlyContinue |
        Sort-Object { [int]($_.Directory.Parent.Name -replace '\D', '') } -Descending | Select-Object -First 1
    if ($found) { return $found.DirectoryName }
}

function Start-TestPostgres {
    # Returns @{ ConnectionString; Folder; Bin; RunAs } for a server this run started, or $null when PostgreSQL is not installed.
    [CmdletBinding()]
    param([string] $Purpose = 'tests')
    $bin = Find-PostgresBin
    if (-not $bin) { return $null }
    $folder = Join-Path ([IO.Path]::GetTempPath()) "commercesync-pg-$PID-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
    New-Item -ItemType Directory -Path $folder | Out-Null
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    # initdb refuses to run as root: as root, the cluster belongs to the postgres user the Debian packages create.
    $runAs = if (-not $IsWindows -and (id -u) -eq '0') { 'postgres' }
    if ($runAs) { & chown $runAs $folder }
    $data = Join-Path $folder 'data'
    $run = {
        param([string] $exe, [string[]] $arguments)
        # From the cluster's own folder: the postgres user may not enter the caller's.
        Push-Location $folder
        try {
            if ($runAs) { & runuser -u $runAs -- (Join-Path $bin $exe) @arguments } else { & (Join-Path $bin $exe) @arguments }
            if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE." }
        }
        finally { Pop-Location }
    }
    & $run 'initdb' @('-D', $data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync') | Out-Null
    # A test server: durability off (it is thrown away), sockets in its own folder, only on the loopback address.
    $options = "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$folder' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500"
    & $run 'pg_ctl' @('-D', $data, '-o', $options, '-l', (Join-Path $folder 'server.log'), '-w', '-t', '60', 'start') | Out-Null
    Write-Host "PostgreSQL for the $Purpose`: $(& (Join-Path $bin 'postgres') --version) on 127.0.0.1:$port ($folder)"
    @{
        ConnectionString = "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
        Folder           = $folder
        Bin              = $bin
        RunAs            = $runAs
        Data             = $data
    }
}

function Stop-TestPostgres {
    param($Server)
    if (-not $Server) { return }
    $ctl = Join-Path $Server.Bin 'pg_ctl'
    Push-Location $Server.Folder
    try {
        if ($Server.RunAs) { & runuser -u $Server.RunAs -- $ctl -D $Server.Data -m immediate -w stop | Out-Null }
        else { & $ctl -D $Server.Data -m immediate -w stop | Out-Null }
    }
    finally { Pop-Location }
    Remove-Item $Server.Folder -Recurse -Force -ErrorAction SilentlyContinue
}
