from kstthc_cli.cli.app import main

main()
