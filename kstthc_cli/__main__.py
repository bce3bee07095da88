from kstthc_cli.cli import main

main()
