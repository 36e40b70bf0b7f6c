from audio_article.cli import main

main()
