from audio_article.cli.main import main

main()
